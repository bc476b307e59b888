// The admin context's public face.
export { AdminModule } from './admin.module';
