export { tokenUpperBound, utf8ByteLength } from './utf8-byte-bound';
export {
  createTokenEstimator,
  type TokenEstimateOptions,
  type TokenEstimateReport,
  type TokenEstimator,
  type TokenEstimatorOptions,
} from './token-estimator';
