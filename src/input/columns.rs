//! Header -> field mapping: English (generic, Shopify, WooCommerce) and Chinese header names.

/// A field the analysis reads, with the header names accepted for it (compared after
/// [`normalize`]: lower case, without spaces, underscores, hyphens, dots and brackets).
pub struct FieldSpec {
    pub field: &'static str,
    pub names: &'static [&'static str],
}

pub const ORDER_ID: FieldSpec = FieldSpec {
    field: "order_id",
    names: &["orderid", "order", "ordernumber", "orderno", "name", "id", "订单号", "订单编号", "订单id", "訂單號", "訂單編號"],
};
pub const CUSTOMER: FieldSpec = FieldSpec {
    field: "customer_id",
    names: &[
        "customerid", "customer", "customeremail", "email", "billingemail", "clientid", "userid", "buyer",
        "buyerid", "客户id", "客户", "买家", "买家id", "买家会员名", "会员id", "用户id", "顾客", "客戶id",
        "客戶", "買家", "會員id", "顧客",
    ],
};
pub const ORDER_DATE: FieldSpec = FieldSpec {
    field: "order_date",
    names: &[
        "orderdate", "date", "createdat", "created", "orderedat", "purchasedate", "paidat", "下单时间",
        "付款时间", "订单日期", "创建时间", "日期", "下單時間", "付款時間", "訂單日期",
    ],
};
pub const TOTAL: FieldSpec = FieldSpec {
    field: "total",
    names: &[
        "total", "ordertotal", "amount", "orderamount", "revenue", "sales", "value", "实付金额", "订单金额",
        "金额", "付款金额", "實付金額", "訂單金額", "金額",
    ],
};
pub const CURRENCY: FieldSpec = FieldSpec { field: "currency", names: &["currency", "币种", "幣別", "货币"] };
pub const DISCOUNT_CODE: FieldSpec = FieldSpec {
    field: "discount_code",
    names: &["discountcode", "couponcode", "coupon", "discount", "优惠券", "优惠码", "優惠券"],
};

/// Lower case, without spaces, underscores, hyphens, dots, slashes and brackets.
pub fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '/' | '(' | ')' | '（' | '）' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Index of the first header matching the spec: names are tried in order of preference, so
/// `order_total` wins over a generic `value`.
pub fn find(headers: &[String], spec: &FieldSpec) -> Option<usize> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    spec.names.iter().find_map(|name| normalized.iter().position(|h| h == name))
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
        assert_eq!(
            [find(&zh, &ORDER_ID), find(&zh, &CUSTOMER), find(&zh, &ORDER_DATE), find(&zh, &TOTAL), find(&zh, &DISCOUNT_CODE)],
            [Some(0), Some(1), Some(2), Some(3), Some(4)]
        );
        // Preference order: "customer_id" beats "email" wherever they stand.
        assert_eq!(find(&h(&["email", "customer_id"]), &CUSTOMER), Some(1));
    }
}
