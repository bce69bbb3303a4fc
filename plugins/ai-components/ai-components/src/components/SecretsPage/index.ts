export { SecretsPage } from './SecretsPage';
export { SecretDialog } from './SecretDialog';
export type { SecretDialogProps } from './SecretDialog';
export { DeleteSecretDialog } from './DeleteSecretDialog';
export type { DeleteSecretDialogProps } from './DeleteSecretDialog';
