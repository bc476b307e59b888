// The shared pieces of the pages, one a file in this folder; imported from here.
export { ErrorMessage } from './ErrorMessage';
export { Field } from './Field';
export { fieldErrorsOf } from './field-errors';
export { formatDate } from './format-date';
export { Gauge } from './Gauge';
export { Loading } from './Loading';
export { Notice } from './Notice';
export { Page } from './Page';
export { Pager } from './Pager';
export { ProgressBar } from './ProgressBar';
export { TableScroll } from './TableScroll';
