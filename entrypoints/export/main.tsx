import { mountPage } from '@/src/ui/mount';
import { ExportApp } from '@/src/ui/export/export-app';

mountPage(ExportApp);
