import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  compliance?: {
    /**
     * Groups whose members approve templates and waivers (used by the permission policy
     * in packages/backend). Entity refs, e.g. group:default/tech-leads.
     */
    techLeadGroups?: string[];
    evaluation?: {
      /** How often the evaluation pass runs; unchanged entities are skipped by input hash. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Number of shards; each is a separate scheduled task, so replicas share the work. */
      shards?: number;
    };
    templates?: {
      /**
       * How often template versions are recomputed and new ones dry-run and checked for the
       * review page (default every minute). Tasks always check the version at run time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    iac?: {
      /**
       * Local folders CloudFormation templates of `file` entities may be read from
       * (relative to the backend's working directory). Anything else is an error.
       */
      allowedRoots?: string[];
      /** Largest template read, in bytes (default 5 MiB). */
      maxBytes?: number;
    };
    notifications?: {
      /** Notify the owning group when an entity's status gets worse (default true). */
      regressions?: boolean;
      /** Notify before a waiver expires (default true). */
      expiringWaivers?: boolean;
      /** How long before expiry, e.g. 7d (default 7d). */
      waiverWarning?: string;
    };
    catalog?: {
      /** Emit malformed compliance annotations as catalog processing errors (default false). */
      strictAnnotations?: boolean;
    };
    /**
     * Policy overrides: `controls.<ID>.enabled|severity|params`, `tiers.<tier>.rpo|rto|disruptions`,
     * extra `profiles`. Unknown ids and parameters are errors.
     */
    policy?: {
      controls?: {
        [id: string]: {
          enabled?: boolean;
          severity?: 'critical' | 'high' | 'medium' | 'low';
          params?: { [key: string]: any };
        };
      };
      tiers?: { [tier: string]: any };
      profiles?: Array<{
        id: string;
        title?: string;
        description?: string;
        match?: { kinds?: string[]; types?: string[]; iac?: boolean };
        controls: string[];
      }>;
    };
  };
}
