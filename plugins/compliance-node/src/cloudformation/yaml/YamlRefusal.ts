import { TemplateErrorCode } from '../TemplateError';

/**
 * Why readYaml refuses a text, and where: turned into a {@link TemplateError} that names the
 * line by readYaml, which knows the file.
 *
 * @internal
 */
export class YamlRefusal extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    /** Offset in the text; -1 when no place in it is to blame. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'YamlRefusal';
  }
}
