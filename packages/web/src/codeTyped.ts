/**
 * The digits of a mailed code as typed or pasted (" 104690 ", "104 690"), at most six. Code inputs
 * have no maxLength: the browser would cut a pasted " 104690 " to " 10469" before this could trim it.
 */
export function codeTyped(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}
