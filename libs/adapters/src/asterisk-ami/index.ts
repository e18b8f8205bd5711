export { field, fields, frameOf, type AmiFrame } from './frame';
export { AmiFrameParser, MAX_AMI_LINE, isEvent, type AmiParserOutput } from './frame-parser';
export { stepAmi } from './map-frame';
export { memberState } from './member-state';
export { initialAmiState, startResync, type AmiState, type WaitingCall } from './state';
