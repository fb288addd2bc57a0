/**
 * `Ref: AWS::NoValue`: the enclosing property or list element disappears.
 *
 * @internal
 */
export const NO_VALUE = Symbol('AWS::NoValue');
