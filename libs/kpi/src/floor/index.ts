export {
  createFloor,
  floorView,
  foldFloor,
  pruneFloor,
  type FloorOptions,
  type FloorState,
} from './floor';
export { maskCaller } from './mask-caller';
