//! Header -> field mapping: English (generic, Shopify, WooCommerce) and Chinese header names.

/// A field the analysis reads, with the header names accepted for it (compared after
/// [`normalize`]: lower case, without spaces, underscores, hyphens, dots and brackets).
pub struct FieldSpec {
    pub field: &'static str,
    pub names: &'static [&'static str],
}

pub const ORDER_ID: FieldSpec = FieldSpec {
    field: "order_id",
    names: &[
        "orderid",
        "order",
        "ordernumber",
        "orderno",
        "name",
        "id",
        "订单号",
        "订单编号",
        "订单id",
        "訂單號",
        "訂單編號",
        "invoiceno",
        "invoice",
        "invoicenumber",
        "bestellnummer",
        "bestellid",
        "auftragsnummer",
        "numérodecommande",
        "numerodecommande",
        "númerodopedido",
        "numerodopedido",
        "n°decommande",
        "nºdecommande",
        "nodecommande",
        "n°pedido",
        "nºpedido",
        "nºdepedido",
        "n°commande",
        "númerodepedido",
        "numerodepedido",
        "numerodordine",
        "bestelnummer",
        "注文番号",
        "注文id",
    ],
};
pub const CUSTOMER: FieldSpec = FieldSpec {
    field: "customer_id",
    names: &[
        // E-mail first (it keys guests too, whose customer id is 0 or empty), then an id.
        "customeremail",
        "email",
        "billingemail",
        "emailbilling",
        "billingemailaddress",
        "buyerusername",
        "buyeremail",
        "emailaddress",
        "e-mailadres",
        "emailadres",
        "customerid",
        "customer",
        "clientid",
        "userid",
        "buyer",
        "buyerid",
        "客户id",
        "客户",
        "买家",
        "买家id",
        "买家会员名",
        "会员id",
        "用户id",
        "顾客",
        "客戶id",
        "客戶",
        "買家",
        "會員id",
        "顧客",
        "buyeruserid",
        "下单帐号",
        "下单账号",
        "下單帳號",
        "买家手机号",
        "買家手機號",
        "kunde",
        "kundennummer",
        "kundenid",
        "kundenemail",
        "client",
        "emailclient",
        "cliente",
        "klant",
        "顧客id",
        "購入者",
        "注文者",
        "メールアドレス",
        "adresseemail",
        "correoelectrónico",
        "correoelectronico",
    ],
};
pub const ORDER_DATE: FieldSpec = FieldSpec {
    field: "order_date",
    names: &[
        "orderdate",
        "date",
        "createdat",
        "created",
        "orderedat",
        "purchasedate",
        "paidat",
        "下单时间",
        "付款时间",
        "订单日期",
        "创建时间",
        "日期",
        "下單時間",
        "付款時間",
        "訂單日期",
        "saledate",
        "solddate",
        "orderplaced",
        "orderpurchasetimestamp",
        "purchasetimestamp",
        "invoicedate",
        "订单创建时间",
        "订单付款时间",
        "訂單建立時間",
        "datum",
        "fecha",
        "日付",
        "bestelltam",
        "bestelldatum",
        "auftragsdatum",
        "datedecommande",
        "fechadepedido",
        "fechadelpedido",
        "dataordine",
        "besteldatum",
        "注文日",
        "注文日時",
        "data",
        "erstellt",
        "erstelltam",
        "ordertime",
        "purchasedon",
        "orderedon",
        "订单成交时间",
        "成交时间",
        "订单提交时间",
        "提交时间",
        "下单日期",
        "訂單成交時間",
        "dataordine",
        "datadopedido",
        "datadeencomenda",
    ],
};
pub const TOTAL: FieldSpec = FieldSpec {
    field: "total",
    names: &[
        "total",
        "ordertotal",
        "grandtotalbase",
        "grandtotal",
        "grandtotalpurchased",
        "amounttotal",
        "totalprice",
        "amount",
        "orderamount",
        "revenue",
        "sales",
        "value",
        "订单实付金额",
        "实付金额",
        "应付金额",
        "應付金額",
        "订单金额",
        "金额",
        "付款金额",
        "實付金額",
        "訂單金額",
        "金額",
        "买家实际支付金额",
        "买家应付货款",
        "总金额",
        "訂單總額",
        "betrag",
        "gesamtbetrag",
        "gesamtsumme",
        "bestellwert",
        "bestellsumme",
        "auftragssumme",
        "rechnungsbetrag",
        "endbetrag",
        "gesamtpreis",
        "bestellbetrag",
        "montant",
        "montanttotal",
        "importe",
        "importetotal",
        "totale",
        "bedrag",
        "合計金額",
        "注文金額",
        "ordertotalamount",
        "gtpurchased",
        "invoiceamount",
        "totalpayé",
        "totalpaye",
        "totalttc",
        "用户实付金额元",
        "用户实付金额",
        "订单应付金额",
        "實付金額元",
        "totaal",
        "totalpago",
        "valortotal",
    ],
};
pub const QUANTITY: FieldSpec = FieldSpec {
    field: "quantity",
    names: &[
        "quantity",
        "qty",
        "lineitemquantity",
        "itemquantity",
        "menge",
        "anzahl",
        "quantité",
        "quantite",
        "cantidad",
        "quantità",
        "quantita",
        "aantal",
        "quantidade",
        "数量",
        "购买数量",
        "宝贝数量",
        "購買數量",
        "個数",
    ],
};
pub const UNIT_PRICE: FieldSpec = FieldSpec {
    field: "unit_price",
    names: &[
        "unitprice",
        "price",
        "lineitemprice",
        "priceeach",
        "einzelpreis",
        "stückpreis",
        "artikelpreis",
        "preis",
        "prixunitaire",
        "preciounitario",
        "prezzounitario",
        "stukprijs",
        "单价",
        "商品单价",
        "單價",
        "単価",
    ],
};
/// The amount of one order line (its quantity × unit price, as the file gives it): Amazon's
/// `item-price` is the line's total, not a unit price; Temu's `base price total`.
pub const LINE_TOTAL: FieldSpec = FieldSpec {
    field: "line_total",
    names: &["itemprice", "linetotal", "lineitemtotal", "itemtotal", "basepricetotal", "lineamount", "positionsbetrag", "zeilensumme", "商品总价", "商品總價", "商品金额", "商品金額"],
};
/// The id of one part of an order (Douyin's 子订单编号, a marketplace's order-item id): rows of
/// one order id with their own part ids are parts of the order, each with its own amount.
pub const SUB_ORDER_ID: FieldSpec = FieldSpec { field: "sub_order_id", names: &["suborderid", "subordernumber", "orderitemid", "子订单编号", "子订单号", "子訂單編號", "子订单id"] };
/// Stand-in customer keys, used row by row when the customer cell is empty (guest checkouts,
/// point-of-sale and relay orders).
pub const PHONE: FieldSpec = FieldSpec {
    field: "phone",
    names: &[
        "phone",
        "billingphone",
        "shippingphone",
        "telephone",
        "phonenumber",
        "mobile",
        "customerphone",
        "联系手机",
        "手机",
        "手机号",
        "联系电话",
        "電話",
        "手機",
        "telefon",
        "telefonnummer",
        "téléphone",
        "telephone",
        "teléfono",
        "telefono",
        "電話番号",
        "收件人手机号",
        "收货人手机号",
        "收貨人手機號",
        "用户购买手机号",
        "telefoonnummer",
        "telefone",
        "numerodetelefone",
        "númerodetelefone",
        "numerodetelefono",
        "númerodeteléfono",
        "numeroditelefono",
    ],
};
pub const BILLING_NAME: FieldSpec = FieldSpec {
    field: "billing_name",
    names: &[
        "billingname",
        "billtoname",
        "shippingname",
        "fullname",
        "buyername",
        "customername",
        "recipientname",
        "shiptoname",
        "氏名",
        "お名前",
        "購入者名",
        "收货人姓名",
        "收货人",
        "收件人",
        "收件人姓名",
        "收貨人姓名",
        "买家姓名",
        "買家姓名",
        "rechnungsname",
        "namedeskäufers",
        "käufername",
        "namedeskunden",
        "kundenname",
        "empfängername",
        "namedesempfängers",
        "nomdefacturation",
        "nomduclient",
        "nomclient",
        "nombredefacturación",
        "nombredelcliente",
        "nomedocliente",
        "nomecliente",
        "naamklant",
        "klantnaam",
    ],
};
pub const POSTCODE: FieldSpec = FieldSpec {
    field: "postcode",
    names: &[
        "billingzip",
        "billingpostcode",
        "billingpostalcode",
        "shippingzip",
        "shipzipcode",
        "zip",
        "zipcode",
        "postcode",
        "postalcode",
        "plz",
        "postleitzahl",
        "codepostal",
        "códigopostal",
        "codigopostal",
        "cap",
        "cep",
        "邮编",
        "郵遞區號",
        "郵便番号",
    ],
};
/// A complaint about the order, in a wide orders file: a flag (yes / 1 / 是) or its subject.
pub const COMPLAINT: FieldSpec = FieldSpec {
    field: "complaint",
    names: &[
        "complaint",
        "complained",
        "hascomplaint",
        "complaintflag",
        "complaintreason",
        "投诉",
        "有投诉",
        "投诉原因",
        "投訴",
        "beschwerde",
        "reklamation",
        "réclamation",
        "reclamation",
        "reclamación",
        "queja",
    ],
};
/// The day a wide file's complaint was resolved.
pub const COMPLAINT_RESOLVED: FieldSpec = FieldSpec {
    field: "complaint_resolved",
    names: &["complaintresolved", "complaintresolvedat", "complaintresolveddate", "resolvedon", "投诉解决时间", "解决时间", "投訴解決時間", "解決時間", "gelöstam", "résolule"],
};
/// Days from order to delivery, in an orders file without a delivery date.
pub const DELIVERY_DAYS: FieldSpec = FieldSpec {
    field: "delivery_days",
    names: &["daystodeliver", "daystodelivery", "actualdeliverydays", "deliverytimedays", "daysdelivered", "送达天数", "配送天数", "實際送達天數", "lieferzeittage"],
};
pub const CURRENCY: FieldSpec = FieldSpec {
    field: "currency",
    names: &["currency", "currencycode", "币种", "幣別", "货币", "貨幣", "幣種", "währung", "waehrung", "devise", "monnaie", "moneda", "divisa", "valuta", "moeda", "通貨"],
};
pub const DISCOUNT_CODE: FieldSpec = FieldSpec {
    field: "discount_code",
    names: &[
        "discountcode",
        "couponcode",
        "coupon",
        "discount",
        "优惠券",
        "优惠码",
        "優惠券",
        "gutscheincode",
        "rabattcode",
        "gutschein",
        "codepromo",
        "codereduction",
        "codedereduction",
        "códigodedescuento",
        "codigodedescuento",
        "cupón",
        "cupon",
        "codicesconto",
        "kortingscode",
        "cupom",
        "códigodecupom",
        "クーポンコード",
        "クーポン",
    ],
};

pub const PROMISED_DAYS: FieldSpec = FieldSpec {
    field: "promised_days",
    names: &["promiseddays", "promiseddeliverydays", "deliverypromisedays", "promiseddelivery", "sladays", "deliverydays", "承诺天数", "承诺时效", "承诺发货天数", "承諾天數"],
};
/// The date delivery was promised (or estimated) for, in a file without promised days: the
/// promise is its distance from the order date (Olist's `order_estimated_delivery_date`; eBay's
/// latest estimated delivery date, the end of the window it promised).
pub const PROMISED_DATE: FieldSpec = FieldSpec {
    field: "promised_date",
    names: &[
        "promiseddate",
        "promiseddeliverydate",
        "deliverypromisedate",
        "estimateddeliverydate",
        "orderestimateddeliverydate",
        "maximumestimateddeliverydate",
        "latestdeliverydate",
        "expecteddeliverydate",
        "estimatedarrivaldate",
        "deliverbydate",
        "deliverby",
        "voraussichtlicheslieferdatum",
        "预计送达时间",
        "预计送达日期",
        "承诺送达时间",
        "承诺送达日期",
        "預計送達時間",
        "預計送達日期",
    ],
};
pub const DELIVERED: FieldSpec = FieldSpec {
    field: "delivered_date",
    names: &[
        "delivereddate",
        "deliveredat",
        "delivered",
        "orderdeliveredcustomerdate",
        "deliveredcustomerdate",
        "deliverydate",
        "receiveddate",
        "receivedat",
        "收货时间",
        "签收时间",
        "确认收货时间",
        "收貨時間",
        "簽收時間",
        "lieferdatum",
        "zustelldatum",
        "dateoflivraison",
        "datedelivraison",
        "fechadeentrega",
    ],
};
/// Recognised so that it is never mistaken for the delivery date; not used.
pub const SHIPPED: FieldSpec = FieldSpec {
    field: "shipped_date",
    names: &[
        "shippeddate",
        "shippedat",
        "fulfilledat",
        "shipdate",
        "发货时间",
        "發貨時間",
        "dateshipped",
        "versanddatum",
        "versendetam",
        "出荷日",
        "orderdeliveredcarrierdate",
        "deliveredcarrierdate",
        "carrierdate",
        "handedtocarrier",
    ],
};
pub const PRODUCT: FieldSpec = FieldSpec {
    field: "product",
    names: &[
        "product",
        "productname",
        "lineitemname",
        "item",
        "itemname",
        "sku",
        "lineitemsku",
        "producthandle",
        "producttitle",
        "productid",
        "produktname",
        "artikelname",
        "artikelbezeichnung",
        "produktbezeichnung",
        "nomduproduit",
        "nombredelproducto",
        "nomeprodotto",
        "productnaam",
        "nomedoproduto",
        "商品",
        "商品名称",
        "宝贝标题",
        "商品標題",
        "商品名稱",
        "全部商品名称",
    ],
};
pub const CATEGORY: FieldSpec = FieldSpec {
    field: "category",
    names: &[
        "category",
        "productcategory",
        "producttype",
        "类目",
        "品类",
        "类别",
        "類別",
        "分類",
        "kategorie",
        "produktkategorie",
        "catégorie",
        "categorie",
        "categoría",
        "categoria",
        "カテゴリ",
        "カテゴリー",
    ],
};
pub const CHANNEL: FieldSpec = FieldSpec {
    field: "channel",
    names: &[
        "channel",
        "saleschannel",
        "source",
        "sourcename",
        "渠道",
        "来源",
        "店铺",
        "通路",
        "vertriebskanal",
        "verkaufskanal",
        "kanal",
        "canaldevente",
        "canaldeventa",
        "canaledivendita",
        "verkoopkanaal",
        "canaldevenda",
        "販売チャネル",
    ],
};
pub const STATUS: FieldSpec = FieldSpec {
    field: "status",
    names: &[
        "status",
        "orderstatus",
        "financialstatus",
        "订单状态",
        "交易状态",
        "訂單狀態",
        "交易狀態",
        "bestellstatus",
        "statut",
        "état",
        "etat",
        "estado",
        "stato",
        "statusdopedido",
        "estadodelpedido",
        "statodellordine",
        "bestelstatus",
        "注文ステータス",
        "ステータス",
        "発送状況",
        "対応状況",
    ],
};
/// The payment's status beside the order's (Wix, Ecwid, Lightspeed and Nuvemshop put a refund
/// there only): an order refunded or voided there is not a purchase either.
pub const PAYMENT_STATUS: FieldSpec = FieldSpec {
    field: "payment_status",
    names: &[
        "paymentstatus",
        "betaalstatus",
        "zahlungsstatus",
        "statutdupaiement",
        "statutpaiement",
        "estadodelpago",
        "estadodepago",
        "statusdopagamento",
        "statodelpagamento",
        "支付状态",
        "付款状态",
        "支付狀態",
        "付款狀態",
        "決済ステータス",
        "支払いステータス",
    ],
};
/// The delivery's status beside the order's: an order cancelled or returned there is not a
/// purchase either (Wix cancels in its fulfillment status).
pub const FULFILLMENT_STATUS: FieldSpec = FieldSpec {
    field: "fulfillment_status",
    names: &[
        "fulfillmentstatus",
        "shippingstatus",
        "deliverystatus",
        "verzendstatus",
        "versandstatus",
        "statutdelivraison",
        "estadodeenvio",
        "statusdoenvio",
        "发货状态",
        "物流状态",
        "發貨狀態",
        "配送ステータス",
    ],
};
/// The amount refunded on an order (Shopify's "Refunded Amount", WooCommerce's "Order Refund
/// Amount", Magento's "Total Refunded", Square's "Order Refunded Amount", 退款金额): taken off a
/// completed order's total; an order refunded in full counts as refunded.
pub const REFUNDED: FieldSpec = FieldSpec {
    field: "refunded",
    names: &[
        "refundedamount",
        "refundamount",
        "orderrefundamount",
        "orderrefundedamount",
        "totalrefunded",
        "amountrefunded",
        "refundtotal",
        "refundsamount",
        "totalrefunds",
        "退款金额",
        "退款金額",
        "已退款金额",
        "已退款金額",
        "退款总额",
        "退款總額",
        "erstattungsbetrag",
        "erstatteterbetrag",
        "rückerstattungsbetrag",
        "erstattungssumme",
        "montantremboursé",
        "montantrembourse",
        "montantdesremboursements",
        "importereembolsado",
        "importorimborsato",
        "terugbetaaldbedrag",
        "valorreembolsado",
        "返金額",
        "返金金額",
    ],
};
/// The order's total after later adjustments (Etsy's "Adjusted Order Total", filled in when part
/// of an order was refunded): the total the order is counted at, when the cell is not empty.
pub const ADJUSTED_TOTAL: FieldSpec = FieldSpec { field: "adjusted_total", names: &["adjustedordertotal", "adjustedtotal", "ordertotaladjusted", "nettotalafterrefunds"] };
pub const CANCELLED_AT: FieldSpec = FieldSpec { field: "cancelled_at", names: &["cancelledat", "canceledat", "cancelleddate", "取消时间", "取消時間"] };

pub const RATING: FieldSpec = FieldSpec {
    field: "rating",
    names: &[
        "reviewrating",
        "rating",
        "reviewscore",
        "servicerating",
        "stars",
        "reviewstars",
        "score",
        "productrating",
        "rateyour",
        "starrating",
        "sterne",
        "bewertung",
        "note",
        "étoiles",
        "etoiles",
        "puntuación",
        "puntuacion",
        "valutazione",
        "beoordeling",
        "cijfer",
        "avaliação",
        "avaliacao",
        "評価",
        "星",
        "评分",
        "星级",
        "评价星级",
        "评分星级",
        "评价结果",
        "評分",
        "星級",
        "評價結果",
    ],
};
pub const REVIEW_ID: FieldSpec = FieldSpec { field: "review_id", names: &["reviewid", "id", "评价id", "評價id"] };
pub const REVIEW_TITLE: FieldSpec =
    FieldSpec { field: "title", names: &["title", "reviewtitle", "reviewcommenttitle", "commenttitle", "headline", "summary", "标题", "評價標題", "评价标题"] };
pub const REVIEW_TEXT: FieldSpec = FieldSpec {
    field: "text",
    names: &[
        "body",
        "text",
        "reviewtext",
        "reviewbody",
        "reviewcontent",
        "reviewcommentmessage",
        "commentmessage",
        "review",
        "message",
        "comment",
        "comments",
        "content",
        "feedback",
        "experience",
        "kommentar",
        "rezension",
        "commentaire",
        "avis",
        "comentario",
        "reseña",
        "commento",
        "recensione",
        "opmerking",
        "reactie",
        "comentário",
        "レビュー本文",
        "本文",
        "コメント",
        "评价内容",
        "评价",
        "评论",
        "内容",
        "評價內容",
        "評價",
        "評論",
    ],
};
pub const REVIEW_CUSTOMER: FieldSpec = FieldSpec {
    field: "customer_id",
    names: &[
        "customerid",
        "revieweremail",
        "customeremail",
        "email",
        "customer",
        "reviewer",
        "reviewername",
        "authorid",
        "author",
        "userid",
        "buyer",
        "客户id",
        "客户",
        "买家",
        "用户",
        "会员",
        "客戶",
        "買家",
        "kunde",
        "client",
        "cliente",
        "klant",
        "verfasser",
        "auteur",
        "autor",
        "autore",
        "投稿者",
        "レビュアー",
    ],
};
pub const REVIEW_DATE: FieldSpec = FieldSpec {
    field: "date",
    names: &[
        "reviewdate",
        "date",
        "datereviewed",
        "reviewcreationdate",
        "creationdate",
        "reviewcreated",
        "reviewcreatedutc",
        "reviewdatetimeutc",
        "ratingtime",
        "ratingdate",
        "erstelltam",
        "erstellt",
        "timestamp",
        "createdat",
        "created",
        "submittedat",
        "reviewedat",
        "datum",
        "fecha",
        "data",
        "投稿日",
        "レビュー日",
        "评价时间",
        "评价日期",
        "日期",
        "評價時間",
        "評價日期",
    ],
};
pub const REVIEW_PRODUCT: FieldSpec = FieldSpec {
    field: "product",
    names: &[
        "producthandle",
        "product",
        "productid",
        "producttitle",
        "productname",
        "sku",
        "商品",
        "商品名称",
        "宝贝",
        "商品名稱",
        "produkt",
        "produit",
        "producto",
        "prodotto",
        "produto",
        "artikel",
        "商品名",
    ],
};
pub const LINK_ORDER_ID: FieldSpec = FieldSpec {
    field: "order_id",
    names: &[
        "orderid",
        "order",
        "ordernumber",
        "orderno",
        "referenceid",
        "orderreference",
        "bestellnummer",
        "numerodecommande",
        "numeropedido",
        "注文番号",
        "订单号",
        "订单编号",
        "訂單號",
        "訂單編號",
    ],
};

pub const RESPONDENT: FieldSpec = FieldSpec {
    field: "respondent_id",
    names: &[
        "respondentid",
        "respondent",
        "responseid",
        "id",
        "答卷编号",
        "答卷id",
        "序号",
        "編號",
        "befragter",
        "teilnehmer",
        "répondant",
        "encuestado",
        "rispondente",
        "respondente",
        "回答者",
        "回答id",
    ],
};
pub const SURVEY_CUSTOMER: FieldSpec = FieldSpec {
    field: "customer_id",
    names: &["customerid", "customer", "email", "customeremail", "userid", "客户id", "客户", "买家", "用户", "客戶", "kunde", "client", "cliente", "klant", "顧客", "メールアドレス"],
};
pub const SURVEY_DATE: FieldSpec = FieldSpec {
    field: "date",
    names: &[
        "date",
        "submittedat",
        "submitdate",
        "createdat",
        "timestamp",
        "responsedate",
        "提交时间",
        "填写时间",
        "日期",
        "提交時間",
        "datum",
        "fecha",
        "data",
        "eingereichtam",
        "soumisle",
        "enviadoel",
        "inviatoil",
        "ingediendop",
        "回答日時",
        "回答日",
        "タイムスタンプ",
    ],
};

pub const TICKET_ID: FieldSpec = FieldSpec {
    field: "ticket_id",
    names: &[
        "ticketid",
        "ticket",
        "ticketnumber",
        "ticketno",
        "caseid",
        "casenumber",
        "id",
        "工单号",
        "工单编号",
        "投诉单号",
        "工單號",
        "工單編號",
        "ticketnummer",
        "numéroduticket",
        "numérodeticket",
        "numerodeticket",
        "númerodeticket",
        "numeroticket",
        "ticketnr",
        "チケットid",
        "チケット番号",
        "問い合わせ番号",
    ],
};
pub const TICKET_CUSTOMER: FieldSpec = FieldSpec {
    field: "customer_id",
    names: &[
        "customerid",
        "customer",
        "customeremail",
        "email",
        "requesteremail",
        "contactemail",
        "requester",
        "userid",
        "buyer",
        "客户id",
        "客户",
        "买家",
        "用户",
        "客戶",
        "買家",
        "kunde",
        "kundenemail",
        "client",
        "emailclient",
        "cliente",
        "klant",
        "顧客",
        "お客様",
        "メールアドレス",
    ],
};
pub const TICKET_OPENED: FieldSpec = FieldSpec {
    field: "opened",
    names: &[
        "opened",
        "openedat",
        "createdat",
        "created",
        "opendate",
        "date",
        "submittedat",
        "投诉时间",
        "创建时间",
        "提交时间",
        "投訴時間",
        "建立時間",
        "erstelltam",
        "erstellt",
        "datum",
        "créele",
        "datedecréation",
        "datedecreation",
        "fechadecreación",
        "fechadecreacion",
        "creadoel",
        "datadicreazione",
        "aangemaakt",
        "aangemaaktop",
        "datadecriação",
        "datadecriacao",
        "criadoem",
        "作成日",
        "作成日時",
        "受付日",
    ],
};
pub const TICKET_RESOLVED: FieldSpec = FieldSpec {
    field: "resolved",
    names: &[
        "resolved",
        "resolvedat",
        "solvedat",
        "conversationlastclosedat",
        "lastclosedat",
        "lastdoneat",
        "doneat",
        "closedat",
        "closed",
        "resolveddate",
        "解决时间",
        "关闭时间",
        "完结时间",
        "解決時間",
        "關閉時間",
        "gelöstam",
        "gelöst",
        "geschlossenam",
        "résolule",
        "fermele",
        "datederésolution",
        "resueltoel",
        "cerradoel",
        "fechaderesolución",
        "risoltoil",
        "chiusoil",
        "opgelost",
        "opgelostop",
        "resolvidoem",
        "fechadoem",
        "解決日",
        "完了日",
        "クローズ日",
    ],
};
pub const TICKET_CATEGORY: FieldSpec = FieldSpec {
    field: "category",
    names: &[
        "category",
        "contactreason",
        "contactreasonlist",
        "reason",
        "issuetype",
        "topic",
        "type",
        "tag",
        "tags",
        "问题类型",
        "问题分类",
        "工单分类",
        "工单类型",
        "工單分類",
        "类别",
        "类型",
        "投诉类型",
        "原因",
        "類別",
        "類型",
        "kategorie",
        "grund",
        "catégorie",
        "motif",
        "categoría",
        "motivo",
        "categoria",
        "categorie",
        "reden",
        "カテゴリ",
        "カテゴリー",
        "種別",
    ],
};
pub const FIRST_RESPONSE: FieldSpec = FieldSpec {
    field: "first_response_hours",
    names: &["firstresponsehours", "firstreplyhours", "firstresponsetime", "firstreplytime", "frt", "hourstofirstresponse", "首次响应时长", "首响时长", "首次回复时长", "首次回應時長"],
};

/// Lower case, without spaces, underscores, hyphens, dots, slashes and brackets.
pub fn normalize(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '/' | '(' | ')' | '[' | ']' | '（' | '）' | '\u{a0}')).flat_map(char::to_lowercase).collect()
}

/// Index of the first header matching the spec: names are tried in order of preference, so
/// `order_total` wins over a generic `value`.
pub fn find(headers: &[String], spec: &FieldSpec) -> Option<usize> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    spec.names.iter().find_map(|name| normalized.iter().position(|h| h == name))
}

/// How well a header matches a spec: 0.95 exact first-choice name (less 0.001 per place down the
/// list of names),
/// 0.6 when the header contains an accepted name of at least five letters (or two CJK
/// characters), otherwise 0.
pub fn score(header: &str, spec: &FieldSpec) -> f64 {
    let h = normalize(header);
    if h.is_empty() {
        return 0.0;
    }
    match spec.names.iter().position(|n| *n == h) {
        Some(p) => 0.95 - 0.001 * p.min(40) as f64,
        None => {
            let long = |n: &&&str| if n.is_ascii() { n.len() >= 5 } else { n.chars().count() >= 2 };
            if is_money_part(spec, &h) {
                return 0.0;
            }
            // A note, message or comment about the customer or from them is not their key
            // (WooCommerce's "Customer Note", Douyin's 买家留言).
            const NOTES: [&str; 12] = ["note", "comment", "message", "remark", "memo", "nachricht", "anmerkung", "留言", "备注", "備註", "备忘", "メモ"];
            if spec.field == "customer_id" && NOTES.iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // An estimated or promised delivery date is not the delivery (eBay's "Minimum
            // Estimated Delivery Date"); a tax status is not the order's status.
            const ESTIMATE: [&str; 15] =
                ["estimat", "expected", "promised", "minimum", "maximum", "earliest", "latest", "frühest", "spätest", "voraussichtlich", "预计", "預計", "承诺", "最早", "最晚"];
            if spec.field == "delivered_date" && ESTIMATE.iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // Delivered to the carrier is shipped, not delivered (Olist's
            // "order_delivered_carrier_date").
            if spec.field == "delivered_date" && ["carrier", "courier", "spediteur", "transporteur", "承运", "快递公司"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // A review's date is when it was written, not when the shop answered it (Olist's
            // "review_answer_timestamp"); a survey's response date is its date.
            if spec.field == "date" && spec.names.contains(&"reviewdate") && ["answer", "reply", "replied", "antwort", "réponse", "respuesta", "回复", "回復", "答复"].iter().any(|w| h.contains(w))
            {
                return 0.0;
            }
            // A title is not the review's text (Olist's "review_comment_title").
            // Nor is a yes/no saying feedback was given (eBay's "Feedback Left", "Feedback Received").
            if spec.field == "text" && ["feedbackleft", "feedbackreceived", "feedbackgiven"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            if spec.field == "text" && ["title", "titel", "titre", "titulo", "título", "titolo", "标题", "標題", "タイトル"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // A number of promised days is not a date ("Promised Delivery Date" is the promised
            // date's).
            if spec.field == "promised_days" && ["date", "datum", "time", "时间", "時間", "日期"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // A buyer's name is the whole name: not a first or last name, a company, or the
            // buyer's country, phone or address ("Prénom client", "Land des Empfängers").
            const NOT_NAME: [&str; 22] = [
                "vorname",
                "nachname",
                "firma",
                "company",
                "prénom",
                "prenom",
                "cognome",
                "sobrenome",
                "apellido",
                "firstname",
                "lastname",
                "telefon",
                "phone",
                "plz",
                "postleitzahl",
                "land",
                "country",
                "straße",
                "strasse",
                "street",
                "city",
                "stadt",
            ];
            if spec.field == "billing_name" && NOT_NAME.iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // Only a date of the promise: an "earliest" date is not what was promised.
            if spec.field == "promised_date" && ["minimum", "earliest", "frühest", "最早"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // Nor a return's or refund's own status (Return Status: "Not returned").
            if spec.field == "status" && ["tax", "steuer", "税", "稅", "return", "refund", "changed", "authenticity", "verification"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // A refund's amount: not how many items were refunded (Wix's "Quantity refunded"),
            // nor when, why, how or whether it was refunded.
            if spec.field == "refunded"
                && [
                    "quantity",
                    "qty",
                    "items",
                    "count",
                    "menge",
                    "anzahl",
                    "数量",
                    "date",
                    "time",
                    "refundedat",
                    "datum",
                    "status",
                    "reason",
                    "method",
                    "note",
                    "时间",
                    "時間",
                    "日期",
                    "原因",
                    "状态",
                    "狀態",
                    "方式",
                ]
                .iter()
                .any(|w| h.contains(w))
            {
                return 0.0;
            }
            // A discount code is a code: not an amount or a currency (Shopify's order JSON has
            // current_total_discounts_set.presentment_money.currency_code).
            if spec.field == "discount_code" && ["amount", "currency", "money", "set"].iter().any(|w| h.contains(w)) {
                return 0.0;
            }
            // A subtotal is a total only when nothing better is named.
            const SUB: [&str; 7] = ["subtotal", "soustotal", "zwischensumme", "subtotale", "subtotaal", "小计", "小計"];
            if spec.field == "total" && SUB.iter().any(|w| h.contains(w)) {
                return 0.5;
            }
            // A review's title only by its own name: "author_title", "product_title" and
            // "page_title" are names of other things.
            if spec.field == "title" {
                return 0.0;
            }
            if spec.names.iter().filter(long).any(|n| h.contains(n)) {
                0.6
            } else {
                0.0
            }
        }
    }
}

/// A header that names a part of an order's money other than its amount (shipping, tax, a fee,
/// a discount, a refund: Amazon's `shipping-price`, Magento's `Total Refunded`): never taken
/// for a total or a price by containing the word. A tax word is allowed when the amount
/// includes it (`Total incl. tax`).
fn is_money_part(spec: &FieldSpec, normalized: &str) -> bool {
    const PARTS: [&str; 21] = [
        "shipping",
        "postage",
        "delivery",
        "fee",
        "refund",
        "discount",
        "coupon",
        "giftwrap",
        "versand",
        "rabatt",
        "gutschein",
        "geschenk",
        "erstatt",
        "frais",
        "remise",
        "运费",
        "邮费",
        "退款",
        "优惠",
        "折扣",
        "包装",
    ];
    const TAX: [&str; 9] = ["tax", "vat", "mwst", "steuer", "btw", "iva", "tva", "税", "稅"];
    const INCLUDED: [&str; 7] = ["incl", "inkl", "inctax", "incvat", "incgst", "含", "ttc"];
    // A count of items or units is never money (BigCommerce's "Total Quantity").
    const COUNTS: [&str; 11] = ["quantity", "qty", "shipped", "weight", "count", "items", "units", "menge", "anzahl", "数量", "件数"];
    matches!(spec.field, "total" | "unit_price" | "line_total")
        && (PARTS.iter().any(|p| normalized.contains(p))
            || COUNTS.iter().any(|c| normalized.contains(c))
            || (TAX.iter().any(|t| normalized.contains(t)) && !INCLUDED.iter().any(|i| normalized.contains(i))))
}

/// Every accepted header name, for error messages.
pub fn accepted(spec: &FieldSpec) -> String {
    spec.names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_english_and_chinese_headers() {
        let hs = h(&["Order ID", "Customer_Email", "Created at", "Order Total"]);
        assert_eq!(find(&hs, &ORDER_ID), Some(0));
        assert_eq!(find(&hs, &CUSTOMER), Some(1));
        assert_eq!(find(&hs, &ORDER_DATE), Some(2));
        assert_eq!(find(&hs, &TOTAL), Some(3));
        let zh = h(&["订单号", "买家", "下单时间", "实付金额", "优惠券"]);
        assert_eq!([find(&zh, &ORDER_ID), find(&zh, &CUSTOMER), find(&zh, &ORDER_DATE), find(&zh, &TOTAL), find(&zh, &DISCOUNT_CODE)], [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        // Preference order: an e-mail beats a customer id wherever they stand (it keys guests
        // too, whose id is 0 or empty).
        assert_eq!(find(&h(&["customer_id", "email"]), &CUSTOMER), Some(1));
    }

    /// The optional fields' headers in the languages shops export in: each language's word
    /// for currency, discount code, category, channel, phone, postcode and quantity.
    #[test]
    fn optional_fields_in_every_language() {
        let cases: [(&[&str], &FieldSpec); 7] = [
            (&["Währung", "Devise", "Moneda", "Valuta", "Moeda", "通貨", "币种", "幣別"], &CURRENCY),
            (&["Gutscheincode", "Code promo", "Código de descuento", "Codice sconto", "Kortingscode", "Cupom", "クーポンコード", "优惠券"], &DISCOUNT_CODE),
            (&["Kategorie", "Catégorie", "Categoría", "Categoria", "Categorie", "カテゴリ", "类目", "類別"], &CATEGORY),
            (&["Vertriebskanal", "Canal de vente", "Canal de venta", "Canale di vendita", "Verkoopkanaal", "Canal de venda", "販売チャネル", "渠道"], &CHANNEL),
            (&["Telefon", "Téléphone", "Teléfono", "Telefono", "Telefoonnummer", "Telefone", "電話番号", "联系电话"], &PHONE),
            (&["PLZ", "Code postal", "Código postal", "CAP", "Postcode", "CEP", "郵便番号", "邮编"], &POSTCODE),
            (&["Menge", "Quantité", "Cantidad", "Quantità", "Aantal", "Quantidade", "数量", "購買數量"], &QUANTITY),
        ];
        for (headers, spec) in cases {
            for header in headers {
                assert!(score(header, spec) >= 0.9, "{header} for {}", spec.field);
            }
        }
        // Tickets, surveys and reviews too.
        let more: [(&[&str], &FieldSpec); 8] = [
            (&["Ticketnummer", "Numéro de ticket", "Número de ticket", "チケット番号"], &TICKET_ID),
            (&["Erstellt am", "Date de création", "Fecha de creación", "Data di creazione", "Aangemaakt op", "Criado em", "作成日時"], &TICKET_OPENED),
            (&["Gelöst am", "Résolu le", "Resuelto el", "Risolto il", "Opgelost op", "Resolvido em", "解決日"], &TICKET_RESOLVED),
            (&["Kategorie", "Catégorie", "Categoría", "Categoria", "Categorie", "カテゴリ"], &TICKET_CATEGORY),
            (&["Datum", "Fecha", "Data", "Eingereicht am", "回答日時"], &SURVEY_DATE),
            (&["Befragter", "Répondant", "Encuestado", "Rispondente", "回答者"], &RESPONDENT),
            (&["Kunde", "Client", "Cliente", "Klant", "顧客"], &SURVEY_CUSTOMER),
            (&["Produkt", "Produit", "Producto", "Prodotto", "Produto", "商品名"], &REVIEW_PRODUCT),
        ];
        for (headers, spec) in more {
            for header in headers {
                assert!(score(header, spec) >= 0.9, "{header} for {}", spec.field);
            }
        }
        // A refund's amount, never the count of items refunded.
        assert!(score("Refunded Amount", &REFUNDED) >= 0.9 && score("Total Refunded", &REFUNDED) >= 0.9 && score("退款金额", &REFUNDED) >= 0.9);
        assert_eq!(score("Quantity refunded", &REFUNDED), 0.0);
    }

    #[test]
    fn partial_names_that_mean_something_else_are_refused() {
        // Handed to the carrier is shipped; an earliest or estimated date is no delivery.
        assert_eq!(score("order_delivered_carrier_date", &DELIVERED), 0.0);
        assert!(score("order_delivered_carrier_date", &SHIPPED) > 0.9);
        assert_eq!(score("earliest-delivery-date", &DELIVERED), 0.0);
        assert_eq!(score("Minimum Estimated Delivery Date", &PROMISED_DATE), 0.0);
        assert!(score("latest-delivery-date", &PROMISED_DATE) > 0.9);
        // A promised date is not a number of promised days.
        assert_eq!(score("Promised Delivery Date (UTC)", &PROMISED_DAYS), 0.0);
        assert!(score("Promised Delivery Date (UTC)", &PROMISED_DATE) > 0.5);
        // A review's date is not the shop's answer; a survey's response date stays its date.
        assert_eq!(score("review_answer_timestamp", &REVIEW_DATE), 0.0);
        assert!(score("answer_submitdate", &SURVEY_DATE) > 0.5);
        // A title is not the text; a yes/no that feedback was left is neither.
        assert_eq!(score("review_comment_title", &REVIEW_TEXT), 0.0);
        assert_eq!(score("Feedback Left", &REVIEW_TEXT), 0.0);
        assert_eq!(score("Authenticity Verification Status", &STATUS), 0.0);
        // A buyer's first name, company or country is not the buyer's name.
        for h in ["Prénom client", "Cognome cliente", "Sobrenome do cliente", "Land des Empfängers", "Empfänger Firma"] {
            assert_eq!(score(h, &BILLING_NAME), 0.0, "{h}");
        }
        assert!(score("Name des Käufers", &BILLING_NAME) > 0.9);
    }
}
