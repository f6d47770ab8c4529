/** This package's version, for the tracer's name. A test keeps it equal to package.json's. */
export const version = '0.0.0';
