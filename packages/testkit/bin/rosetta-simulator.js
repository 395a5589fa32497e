#!/usr/bin/env node
// The committed entry of `rosetta-simulator`: package managers link bins at install time, before dist/ is built in
// this repository, and a bin that does not exist yet makes every install warn.
import '../dist/cli.js';
