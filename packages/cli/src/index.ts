export type { CheckStatus, DoctorCheck } from './check.js';
export { type DoctorOptions, type DoctorReport, runDoctor } from './doctor.js';
