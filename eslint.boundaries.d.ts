// Types for eslint.boundaries.js (imported by the unit test that checks the rule).
import type { Linter } from 'eslint';

export declare const boundaries: Linter.Config[];
