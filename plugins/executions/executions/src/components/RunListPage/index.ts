export { RunListPage } from './RunListPage';
