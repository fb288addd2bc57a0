export interface Config {
  compliance?: {
    templates?: {
      /**
       * Refuse scaffolder tasks of template versions that no tech lead approved (default true).
       * A security switch: false lets any template version run, and the backend logs a warning
       * at every start. Tech leads may always dry-run a version under review.
       */
      enforceApproval?: boolean;
    };
  };
}
