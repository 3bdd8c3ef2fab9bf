// @bursar/core: the public barrel. Each concept's folder has its own index.
export * from './pricing/index';
