import { baseConfig } from '@dangjian/eslint-config/base';

export default baseConfig(import.meta.dirname);
