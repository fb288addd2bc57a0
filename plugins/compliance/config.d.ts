export interface Config {
  compliance?: {
    /**
     * Where the compliance empty states link for the full list of `refarch.dev/*` annotations
     * and declared facts (e.g. the compliance README in your repository browser). Without it
     * the empty states name the README's path instead of linking to it.
     *
     * @visibility frontend
     */
    readmeUrl?: string;
  };
}
