import { mountPage } from '@/src/ui/mount';
import { CasesApp } from '@/src/ui/cases/cases-app';

mountPage(CasesApp);
