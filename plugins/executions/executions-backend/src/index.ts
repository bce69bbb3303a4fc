export { executionsPlugin as default } from './plugin';
