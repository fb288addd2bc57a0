export interface Config {
  compliance?: {
    catalog?: {
      /**
       * Emit malformed compliance annotations as catalog processing errors, which keeps a new
       * entity out of the catalog and an old one at its previous version (default false: the
       * problems are written to `refarch.dev/annotation-errors` and the entity stays).
       */
      strictAnnotations?: boolean;
    };
  };
}
