import { createTemplate } from './template-database';

export default createTemplate;
