export { AiComponentsPage } from './AiComponentsPage';
