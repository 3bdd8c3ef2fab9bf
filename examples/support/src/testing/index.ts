export { meterRuns, type MeteredRun } from './meter-runs';
export { startKeyEchoingServer } from './start-key-echoing-server';
