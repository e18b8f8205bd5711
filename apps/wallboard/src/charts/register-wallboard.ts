import { FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The ECharts parts the TV draws — sparklines and the funnel on canvas — and nothing else, so
 * the screen loads little. The drill-down registers its own (register-history.ts).
 */
use([LineChart, FunnelChart, GridComponent, CanvasRenderer]);
