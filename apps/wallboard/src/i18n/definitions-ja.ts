import type { definitionsEn } from './definitions-en';

/** 各 KPI の定義（docs/kpis.md に準拠）。キーと {パラメーター} は definitions-en.ts と同じ。 */
export const definitionsJa: typeof definitionsEn = {
  heading: '{kpi} の定義',
  formula: '計算式',
  source: '全指標の定義：docs/kpis.md',
  kpis: {
    offered: {
      what: 'キューに着信した呼の件数です。応答・放棄にかかわらず、着信した時点で数えます。',
      formula: '着信呼の件数',
    },
    answered: {
      what: 'オペレーターが応答した着信呼の件数です。つながった時点で数えます。',
      formula: 'オペレーターにつながった着信呼の件数',
    },
    answeredInSL: {
      what: '待ち時間 {threshold} 秒以内で応答した呼の件数です。サービスレベルの基準を満たした呼にあたります。',
      formula: '待ち時間 {threshold} 秒以下の応答呼の件数',
    },
    abandoned: {
      what: '応答されずにキューを出た着信呼（放棄呼）の件数です。お客様の切断、タイムアウト、キー操作での離脱、対応者不在を含みます。',
      formula: '放棄呼の件数',
    },
    shortAbandoned: {
      what: '待ち時間 {shortAbandon} 秒未満でお客様が切った放棄呼の件数です。多くは掛け間違いのため、放棄率には含めません。タイムアウトや対応者不在は含みません。',
      formula: '待ち時間 {shortAbandon} 秒未満のお客様切断の件数',
    },
    abandonedCallerHangup: {
      what: '待っている間にお客様が電話を切った放棄呼の件数です（電話システムが理由を伝えない放棄も含みます）。短時間放棄になりうるのはこれだけです。',
      formula: '理由が caller_hangup または未指定の放棄呼の件数',
    },
    abandonedTimeout: {
      what: 'キューの待ち時間の上限に達し、キューが打ち切った呼の件数です。短時間放棄には数えません。',
      formula: '理由が timeout の放棄呼の件数',
    },
    abandonedKey: {
      what: 'お客様がキー操作でキューを離れ、別の選択肢（コールバック、留守電など）に進んだ呼の件数です。短時間放棄には数えません。',
      formula: '理由が key の放棄呼の件数',
    },
    abandonedEmpty: {
      what: 'ログイン中のオペレーターがいないためにキューを出た呼の件数です。無人のキューが良く見えないよう、短時間放棄には数えません。',
      formula: '理由が empty の放棄呼の件数',
    },
    abandonedOther: {
      what: '電話システムが伝えたその他の理由で、応答されずにキューを出た呼の件数です。',
      formula: '理由が other の放棄呼の件数',
    },
    dialed: {
      what: '発信した件数です。お客様が電話に出たかどうかは問いません。',
      formula: '発信の件数',
    },
    connectedOutbound: {
      what: '発信のうち、お客様が電話に出た件数です。',
      formula: 'お客様が応答した発信の件数',
    },
    failedDials: {
      what: 'お客様につながらなかった発信の件数です(不在・話中・現在使われていない番号・FAX・留守電・拒否・その他)。',
      formula: '不通の発信(call.failed)の件数。結果は問いません',
    },
    wrapped: {
      what: '後処理まで終えた通話の件数です。後処理が終わった時点で数えます。',
      formula: '後処理を終えた通話の件数',
    },
    orders: {
      what: '確定した受注の件数です。キャンセル分はここでは差し引きません（純受注数を参照）。',
      formula: '確定した受注の件数',
    },
    cancelledOrders: {
      what: 'キャンセルされた受注の件数です。',
      formula: 'キャンセルされた受注の件数',
    },
    netOrders: {
      what: 'キャンセルを差し引いた、有効な受注の件数です。',
      formula: '受注数 − キャンセル数',
    },
    revenue: {
      what: '受注金額の合計（{currency}）です。確定した金額からキャンセル分の金額を差し引き、確定・キャンセルの時点で計上します。',
      formula: '確定した受注金額 − キャンセルされた受注金額',
    },
    paidOrders: {
      what: 'EC システムが知らせた入金の数です。受注を確定したオペレーター・キュー・チームに数えます。',
      formula: 'order.paid の件数',
    },
    heldOrders: {
      what: 'EC システムが保留にした受注の数です（商品を特定できない、決済失敗、住所不備など）。受注を確定した側に数えます。',
      formula: 'order.held の件数',
    },
    shippedOrders: {
      what: '倉庫に届いた出荷指示の数です。受注を確定した側に数えます。',
      formula: 'order.shipped の件数',
    },
    returnedOrders: {
      what: '理由を問わず返品の数です。受注からどれだけ後でも、受注を確定した側に数えます。',
      formula: 'order.returned の件数',
    },
    wrongItemReturns: {
      what: '誤った商品・色やサイズ違いが届いたための返品の数です。通話でバリエーションを確認しなかった結果です。',
      formula: '理由が wrong_item または wrong_variant の返品',
    },
    serviceLevel: {
      what: 'お客様を {threshold} 秒以内にオペレーターへつなげた割合です。この秒数は、このテナントで設定したサービスレベルの基準時間です。',
      formula: {
        abandons_count:
          '{threshold} 秒以内の応答数 ÷ (応答数 + 放棄呼数 − {shortAbandon} 秒未満の放棄呼数)',
        answered_only: '{threshold} 秒以内の応答数 ÷ 応答数',
        abandons_after_threshold:
          '{threshold} 秒以内の応答数 ÷ (応答数 + {threshold} 秒を超えて待った放棄呼数)',
      },
      rule: {
        abandons_count:
          '適用中の計算方式：「{variant}」（標準）。応答前に切れた呼も分母に含めますが、{shortAbandon} 秒未満で切れた呼（掛け間違い）は除きます。',
        answered_only:
          '適用中の計算方式：「{variant}」。放棄呼を計算に含めないため、放棄が多いと実態より高く出ます。',
        abandons_after_threshold:
          '適用中の計算方式：「{variant}」。{threshold} 秒を超えて待ってから切れた呼だけを分母に含めます。',
      },
    },
    abandonRate: {
      what: '応答する前にお客様が電話を切った呼の割合です。{shortAbandon} 秒未満で切れた呼（掛け間違い）は含めません。',
      formula:
        '(放棄呼数 − {shortAbandon} 秒未満の放棄呼数) ÷ (応答数 + 放棄呼数 − {shortAbandon} 秒未満の放棄呼数)',
    },
    asaMs: {
      what: '応答した呼について、お客様がオペレーターにつながるまで待った時間の平均です。放棄呼は含みません。',
      formula: '応答呼の待ち時間の合計 ÷ 応答数',
    },
    ahtMs: {
      what: '通話1件あたりにかかる時間の平均です。通話・保留・後処理の時間を合わせ、後処理が終わった時点で数えます。',
      formula: '(通話時間 + 保留時間 + 後処理時間) ÷ 処理完了数',
    },
    connectRate: {
      what: '発信のうち、お客様が電話に出た割合です。',
      formula: '接続数 ÷ 発信数',
    },
    conversionRate: {
      what: 'お客様とつながった通話（受電・発信の合計）に対する受注数の割合です。',
      formula: '受注数 ÷ (応答数 + 接続数)',
    },
    aov: {
      what: '有効な受注1件あたりの平均金額（{currency}）です。',
      formula: '売上 ÷ 純受注数',
    },
    fcr: {
      what: '処理を終えた通話のうち、初回の対応で解決した割合です。解決・未解決の記録がない通話は除きます。',
      formula: '解決済みの処理完了数 ÷ 解決・未解決が記録された処理完了数',
    },
    occupancy: {
      what: 'オペレーターが受付可能だった時間のうち、通話と後処理に使った時間の割合です。',
      formula: '(通話中 + 後処理) ÷ (通話中 + 後処理 + 受付可)、オペレーターの状態時間で計算',
    },
    utilization: {
      what: 'ログインしていた時間（離席・休憩を含む）のうち、通話と後処理に使った時間の割合です。',
      formula: '(通話中 + 後処理) ÷ (受付可 + 通話中 + 後処理 + 離席 + 休憩)',
    },
    ordersPerAgentHour: {
      what: 'オペレーターのログイン時間1時間あたりの受注数です。',
      formula: '受注数 ÷ ログイン時間（受付可 + 通話中 + 後処理 + 離席 + 休憩、時間単位）',
    },
    wrongItemRate: {
      what: '同じ期間の出荷指示1件あたりの誤品返品の割合です。',
      formula: '誤品返品数 ÷ 出荷指示数',
    },
  },
  notes: {
    zeroDenominator: '分母が 0 のときは 0 ではなく「—」と表示します。',
    agentTime:
      'オペレーターの状態時間は、各オペレーターの最初の状態記録から数えます。キュー別・キャンペーン別の内訳では空欄です（状態はオペレーターとチームに記録され、キューには記録されないため）。',
    sameNumber:
      'ウォールボードと同じ計算です。1日単位の点はその日の終わりに「本日」タイルが示していた値、15分単位の点はその15分の終わりに「15分間隔」タイルが示していた値です。',
    timezone: '日付と時刻はこのテナントの現地時間（{timezone}）です。',
  },
};
