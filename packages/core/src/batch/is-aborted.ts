// The one isAborted lives in call/; this path stays for the files that import it here.
export { isAborted } from '../call/is-aborted';
