import { reactConfig } from '@dangjian/eslint-config/react';

export default reactConfig(import.meta.dirname);
