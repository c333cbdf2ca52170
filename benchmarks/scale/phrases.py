"""Word banks for synthetic reports: names, titles and the prose between the facts.

Everything here is invented for the benchmark, in the register of provincial reports and the
provincial press (data/sources). Place names are built from common Sino-Vietnamese syllables;
`REAL_PROVINCES` keeps real province names out, so no synthetic figure reads as a fact about a
real province (Lạng Sơn, whose reference data the project curates, is the one exception).

Filler sentences may name bodies and places through placeholders ({ubnd}, {tinh_uy}, {hdnd},
{province}, {district}); the report writer fills them and records each as an entity mention.
"""

from __future__ import annotations

SYLLABLES_A = (
    "An", "Bình", "Hà", "Sơn", "Tân", "Phú", "Quảng", "Thái", "Hòa", "Long", "Kim", "Lạc", "Minh", "Ninh",
    "Hưng", "Vĩnh", "Đông", "Thanh", "Hải", "Trường", "Yên", "Gia", "Cẩm", "Đức", "Hồng", "Lam", "Tiên",
    "Bảo", "Phúc", "Xuân", "Mỹ", "Nghĩa", "Thuận", "Hoàng", "Trung", "Văn", "Đại", "Lương", "Cao", "Châu",
)
SYLLABLES_B = (
    "Lâm", "Hà", "Sơn", "Phong", "Thành", "Lộc", "Xuyên", "Giang", "Điền", "Khê", "Đồng", "Hưng", "Bình",
    "Lĩnh", "Thủy", "Mỹ", "Trạch", "Nguyên", "Cương", "Lăng", "Quan", "Tuyền", "Phố", "Hội", "Mai", "Đình",
    "Tường", "Chiêm", "Hoa", "Kiều", "Tây", "Bắc", "Nam", "Uyên", "Vân", "Ngân", "Hạ", "Thượng", "Lũng",
)
# real provinces and centrally governed cities (before and after the 2025 mergers): never invented
REAL_PROVINCES = frozenset("""
An Giang|Bà Rịa - Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|Bình Phước|
Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|
Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|
Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|
Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|
Tiền Giang|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|Huế|Hồ Chí Minh
""".replace("\n", "").split("|"))
# Chinese border towns are named in Sino-Vietnamese reading, as the reports do
CHINESE_SYLLABLES_A = ("Bằng", "Long", "Thủy", "Đông", "Ninh", "Tĩnh", "Ái", "Khâu", "Bình", "Phòng", "Quế",
                       "Nhạc", "Hoài", "Liễu", "Ngô")
CHINESE_SYLLABLES_B = ("Tường", "Châu", "Khẩu", "Hưng", "Minh", "Tây", "Điếm", "Bắc", "Lăng", "Thành", "Dương",
                       "Sơn", "Giang", "Nguyên", "Khê")

MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Hồng", "Tiến", "Công")
GIVEN_NAMES = (
    "Thành", "Hùng", "Dũng", "Hà", "Lan", "Hương", "Tuấn", "Nam", "Phương", "Quang", "Sơn", "Thắng",
    "Hải", "Long", "Vinh", "Trung", "Bình", "Cường", "Hiếu", "Thảo", "Tâm", "Huy", "Khánh", "Nghĩa",
)

# (kind words that name a project, English head) -> the label is "<kind words> <name>"
PROJECT_KINDS = (
    ("Khu công nghiệp", "industrial park"),
    ("Cụm công nghiệp", "industrial cluster"),
    ("Thủy điện", "hydropower plant"),
    ("Cao tốc", "expressway"),
    ("Khu du lịch", "tourism area"),
)

REPORT_TITLES = {
    "annual": "Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year} "
              "và phương hướng, nhiệm vụ năm {next} của tỉnh {province}",
    "half": "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm {year} "
            "của tỉnh {province}",
    "nine": "Báo cáo tình hình kinh tế - xã hội 9 tháng đầu năm {year} của tỉnh {province}",
    "press": "{province}: kinh tế năm {year} duy trì đà tăng trưởng",
    "thematic": "Báo cáo kết quả triển khai các nghị quyết, chương trình trọng điểm giai đoạn {first} - {year} "
                "của tỉnh {province}",
}

# what provincial documents are about ("về …"); {year} is the document's year
DOCUMENT_TOPICS = {
    "nq-hdnd": (
        "kế hoạch phát triển kinh tế - xã hội năm {next}",
        "dự toán ngân sách nhà nước năm {next}",
        "kế hoạch đầu tư công năm {next}",
        "chính sách hỗ trợ phát triển hợp tác xã trên địa bàn tỉnh",
        "chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa",
        "quy định mức chi hỗ trợ công tác giảm nghèo bền vững",
        "danh mục công trình, dự án cần thu hồi đất năm {next}",
    ),
    "qd-ubnd": (
        "giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm {year}",
        "ban hành quy chế phối hợp quản lý hoạt động xuất nhập khẩu",
        "phê duyệt kế hoạch sử dụng đất năm {year}",
        "giao dự toán ngân sách nhà nước năm {year}",
        "thành lập Tổ công tác đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    ),
    "kh-ubnd": (
        "triển khai các nhiệm vụ trọng tâm năm {year}",
        "cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh cấp tỉnh năm {year}",
        "chuyển đổi số năm {year}",
        "phát triển du lịch giai đoạn {year} - {plus4}",
        "thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}",
    ),
    "cv-ubnd": (
        "đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {year}",
        "tăng cường quản lý hoạt động xuất nhập khẩu qua các cửa khẩu",
        "chuẩn bị tổ chức các hoạt động đón Tết Nguyên đán",
    ),
    "party": (
        "lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year}",
        "đẩy mạnh cải cách hành chính, chuyển đổi số giai đoạn {year} - {plus4}",
        "phát triển kết cấu hạ tầng giao thông đồng bộ, hiện đại",
        "nâng cao chất lượng nguồn nhân lực giai đoạn {year} - {plus4}",
    ),
}

# sentences between the facts; the register of the real corpus, with entity placeholders
FILLER = (
    "Công tác chỉ đạo, điều hành được triển khai quyết liệt, đồng bộ và có trọng tâm, trọng điểm.",
    "{ubnd} đã chỉ đạo các sở, ngành, địa phương tập trung tháo gỡ khó khăn, vướng mắc cho doanh nghiệp.",
    "Tình hình chính trị - xã hội ổn định; quốc phòng, an ninh được giữ vững.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh, chất lượng phục vụ người dân và doanh nghiệp được nâng lên.",
    "Các chương trình mục tiêu quốc gia được triển khai tích cực, đời sống của Nhân dân từng bước được cải thiện.",
    "{tinh_uy} thường xuyên lãnh đạo, chỉ đạo sát sao việc thực hiện các nhiệm vụ trọng tâm.",
    "Hoạt động thương mại, dịch vụ phục hồi khá, thị trường hàng hóa ổn định, không để xảy ra tình trạng khan hiếm hàng hóa.",
    "Công tác bảo vệ và phát triển rừng được quan tâm; công tác phòng, chống thiên tai được chủ động triển khai.",
    "Chất lượng giáo dục và đào tạo được duy trì; công tác chăm sóc sức khỏe Nhân dân được chú trọng.",
    "{hdnd} đã tổ chức các kỳ họp thường lệ và chuyên đề, kịp thời quyết định các vấn đề quan trọng của địa phương.",
    "Công tác đối ngoại được mở rộng, thiết thực và hiệu quả; quan hệ hợp tác với các địa phương được tăng cường.",
    "Trên địa bàn {district}, công tác giải phóng mặt bằng các dự án trọng điểm được tập trung chỉ đạo.",
    "Bên cạnh kết quả đạt được, tình hình kinh tế - xã hội của tỉnh {province} vẫn còn một số hạn chế, khó khăn.",
    "Việc huy động nguồn lực cho đầu tư phát triển còn gặp nhiều khó khăn; một số dự án triển khai chậm so với kế hoạch.",
    "Công tác thông tin, tuyên truyền được đẩy mạnh, tạo sự đồng thuận trong xã hội.",
    "Các cấp, các ngành đã chủ động, linh hoạt trong tổ chức thực hiện nhiệm vụ được giao.",
    "Công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo được thực hiện nghiêm túc.",
    "Hạ tầng giao thông, đô thị tiếp tục được quan tâm đầu tư theo hướng đồng bộ.",
    "{ubnd} đã tổ chức hội nghị đối thoại với doanh nghiệp, kịp thời giải quyết kiến nghị của nhà đầu tư.",
    "{tinh_uy}, {hdnd}, {ubnd} đã tập trung lãnh đạo, chỉ đạo quyết liệt các nhiệm vụ trọng tâm của tỉnh {province}.",
    "Thường xuyên duy trì mối quan hệ phối hợp giữa {ubnd} và {hdnd} trong giải quyết các vấn đề phát sinh.",
    "Tại {district}, các mô hình sản xuất nông nghiệp hàng hóa tiếp tục được nhân rộng.",
    "{ubnd} chỉ đạo {district} rà soát, hoàn thiện hồ sơ các dự án chuẩn bị khởi công.",
    "Kinh tế tỉnh {province} tiếp tục duy trì đà phục hồi, nhiều chỉ tiêu đạt và vượt kế hoạch.",
    "{ubnd} đã làm việc với {district} và {district} về tiến độ giải phóng mặt bằng các dự án trọng điểm.",
    "Lãnh đạo {tinh_uy}, {hdnd}, {ubnd} đã dự hội nghị sơ kết công tác của {district}.",
    "Các địa phương như {district}, {district}, {district} đã chủ động triển khai các giải pháp phát triển kinh tế.",
    "{hdnd} đã giám sát việc thực hiện các chương trình mục tiêu quốc gia tại {district} và {district}.",
    "{tinh_uy} chỉ đạo {ubnd} tập trung tháo gỡ vướng mắc, đẩy nhanh tiến độ các công trình trên địa bàn tỉnh {province}.",
    "Tại {district}, {ubnd} đã kiểm tra thực tế tình hình sản xuất, kinh doanh của doanh nghiệp.",
)

OPENINGS = (
    "Năm {year}, trong bối cảnh còn nhiều khó khăn, thách thức, tỉnh {province} đã triển khai đồng bộ các giải pháp "
    "thực hiện nhiệm vụ phát triển kinh tế - xã hội.",
    "Với quyết tâm chính trị cao, sự vào cuộc của cả hệ thống chính trị, tỉnh {province} đạt được nhiều kết quả "
    "quan trọng trong năm {year}.",
    "Tình hình kinh tế - xã hội của tỉnh {province} năm {year} tiếp tục chuyển biến tích cực.",
)

HEADINGS = {
    "macro": "I. TÌNH HÌNH KINH TẾ",
    "budget": "II. TÀI CHÍNH, NGÂN SÁCH VÀ ĐẦU TƯ",
    "sector": "III. CÁC LĨNH VỰC VĂN HÓA - XÃ HỘI",
    "legal": "IV. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH",
    "projects": "V. CÁC DỰ ÁN TRỌNG ĐIỂM",
    "targets": "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ",
}

PUBLISHERS = ("Báo {province}", "Cổng thông tin điện tử tỉnh {province}", "UBND tỉnh {province}",
              "Văn phòng UBND tỉnh {province}")
