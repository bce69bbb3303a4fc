export interface Config {
  aiWorkflows?: {
    /**
     * How often AIWorkflow entities from catalog-info.yaml files are mirrored
     * into the workflows store (as read-only workflows).
     * @default { seconds: 30 }
     */
    catalogSyncFrequency?: { seconds?: number; minutes?: number };
  };
}
