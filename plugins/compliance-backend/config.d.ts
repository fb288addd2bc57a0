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
      /**
       * Entities with a CloudFormation template are read, analysed and evaluated in worker
       * threads, off the backend's event loop. An entity whose evaluation goes over a limit
       * gets status error with the reason; the pass goes on. Entities without a template
       * (their annotations, evidence, waivers and dependencies only) are evaluated on the
       * backend's thread, in slices of at most about 5 ms between which it serves requests.
       */
      isolation?: {
        /** Default true; false evaluates on the event loop (a hostile template blocks the backend). */
        enabled?: boolean;
        /** Time limit per entity, e.g. 30s (default 30s). */
        timeout?: string;
        /** Heap limit of a worker in MB (default 1024). */
        maxMemoryMb?: number;
        /** Worker threads (default 1). */
        workers?: number;
      };
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
      /**
       * Notify the tech-lead groups (`techLeadGroups`) of each new waiver request, with a
       * link to their queue (default true).
       */
      waiverRequests?: boolean;
      /** How long before expiry, e.g. 7d (default 7d). */
      waiverWarning?: string;
    };
    /**
     * Deployed CloudFormation stacks (issue 18): entities with refarch.dev/cloudformation-stack
     * get live facts, drift, and their deployed template judged instead of the repository's.
     */
    live?: {
      /** Read deployed stacks at all (default false). Credentials come from `aws` (integration-aws-node). */
      enabled?: boolean;
      /** How often the read pass runs (default every 10 minutes). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** AWS calls per read pass (default 600); stacks beyond it are read next pass, least recently read first. */
      maxCallsPerPass?: number;
      /** Throttling retries per pass, read and drift each (default 50). */
      maxRetriesPerPass?: number;
      /** Stacks read at the same time (default 4). */
      concurrency?: number;
      /** How long a stack may stay *_IN_PROGRESS before it counts as stuck (default 1h). */
      stuckAfter?: string;
      retry?: {
        /** Retries of one throttled call (default 3). */
        maxRetries?: number;
        /** First backoff in ms, doubled per retry, full jitter (default 200). */
        baseDelayMs?: number;
        /** Longest backoff in ms (default 5000). */
        maxDelayMs?: number;
      };
      drift?: {
        /** How often drift detection runs (default every 30 minutes). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Stacks whose drift is detected per pass, longest unchecked first (default 10). */
        stacksPerPass?: number;
        /** AWS calls per drift pass (default 300). */
        maxCallsPerPass?: number;
        /** Wait between DescribeStackDriftDetectionStatus polls in ms (default 5000). */
        pollIntervalMs?: number;
        /** Polls before a detection is left for the next pass (default 24). */
        maxPolls?: number;
        /** Pages of DescribeStackResourceDrifts read per stack (default 20). */
        maxPages?: number;
      };
      /** Test switches; never set in production configuration. */
      testing?: {
        /**
         * Answer CloudFormation calls from a built-in fake for account 000000000000 (the
         * example entities' stacks) instead of AWS. Set by the end-to-end test backend only.
         */
        fakeClient?: boolean;
      };
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
        match?: {
          kinds?: string[];
          types?: string[];
          iac?: boolean;
          /** aws | gcp, from the entity's refarch.dev/region. */
          clouds?: string[];
        };
        controls: string[];
      }>;
    };
  };
}
