/** This package's version, for the default `User-Agent`. A test keeps it equal to package.json's. */
export const version = '0.1.0';
