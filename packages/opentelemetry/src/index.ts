export {
  type BridgekitInstrumentation,
  type InstrumentationOptions,
  instrumentBridgekit,
} from './instrument-bridgekit.js';
