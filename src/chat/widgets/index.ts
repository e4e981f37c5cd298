/**
 * @module Registry of widget adapters, most specific first; the generic detector runs after all of them.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { acgFakaAdapter } from '@/src/chat/widgets/acg-faka';
import { chatwootAdapter } from '@/src/chat/widgets/chatwoot';
import { crispAdapter } from '@/src/chat/widgets/crisp';
import { easemobAdapter } from '@/src/chat/widgets/easemob';
import { goFlyAdapter } from '@/src/chat/widgets/go-fly';
import { laykefuAdapter } from '@/src/chat/widgets/laykefu';
import { livechatAdapter } from '@/src/chat/widgets/livechat';
import { meiqiaAdapter } from '@/src/chat/widgets/meiqia';
import { sobotAdapter } from '@/src/chat/widgets/sobot';
import { tawkAdapter } from '@/src/chat/widgets/tawk';
import { tidioAdapter } from '@/src/chat/widgets/tidio';
import { typebotAdapter } from '@/src/chat/widgets/typebot';
import { udeskAdapter } from '@/src/chat/widgets/udesk';

/** Known widgets in the order they are tried. */
export const WIDGET_ADAPTERS: readonly ChatWidgetAdapter[] = [
  chatwootAdapter,
  crispAdapter,
  tawkAdapter,
  tidioAdapter,
  easemobAdapter,
  goFlyAdapter,
  laykefuAdapter,
  typebotAdapter,
  acgFakaAdapter,
  livechatAdapter,
  meiqiaAdapter,
  sobotAdapter,
  udeskAdapter,
];
