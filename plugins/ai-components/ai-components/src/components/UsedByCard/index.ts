export { UsedByCard } from './UsedByCard';
