export {
  createScriptedModelClient,
  scriptedResponse,
  type ScriptedModelClient,
  type ScriptedStep,
} from './scripted-model-client';
