import { mountPage } from '@/src/ui/mount';
import { BackupApp } from '@/src/ui/backup/backup-app';

mountPage(BackupApp);
