export { IssuesList } from './IssuesList';
