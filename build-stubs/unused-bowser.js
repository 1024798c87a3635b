// Stand-in for bowser (browser user-agent parsing, required by the SDK only when running in a browser).
export const parse = () => ({});
