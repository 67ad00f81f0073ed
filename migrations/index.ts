import * as migration_20261127_182724_initial from './20261127_182724_initial';

export const migrations = [
  {
    up: migration_20261127_182724_initial.up,
    down: migration_20261127_182724_initial.down,
    name: '20261127_182724_initial'
  },
];
