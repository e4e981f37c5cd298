import { mountPage } from '@/src/ui/mount';
import { OptionsApp } from '@/src/ui/options/options-app';

mountPage(OptionsApp);
