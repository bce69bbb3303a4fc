export interface Config {
  executions?: {
    worker?: {
      /**
       * Step attempts (component calls) one worker process runs at once.
       * @default 50
       */
      maxConcurrentActivities?: number;
    };
  };
}
