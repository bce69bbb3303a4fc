export { aiComponentsPlugin as default } from './plugin';
