export { GraphCanvas } from './GraphCanvas';
export { Palette } from './Palette';
