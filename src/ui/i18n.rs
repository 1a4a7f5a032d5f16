//! The UI's words in Vietnamese and English, switchable at run time.
//!
//! Every string is one [`K`] key with both languages side by side in the table below; a key
//! missing a language does not compile. Placeholders are `{name}` and filled with [`fill`].

use serde::{Deserialize, Serialize};

/// UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

macro_rules! strings {
    ($($key:ident => $vi:expr, $en:expr;)*) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key),* }

        /// The text of `k` in `lang`.
        pub fn tr(lang: Lang, k: K) -> &'static str {
            match lang {
                Lang::Vi => match k { $(K::$key => $vi),* },
                Lang::En => match k { $(K::$key => $en),* },
            }
        }

        /// Every key (for tests: all texts render in the bundled font).
        pub const ALL: &[K] = &[$(K::$key),*];
    };
}

strings! {
    AppName => "baocao", "baocao";
    MenuFile => "Tệp", "File";
    OpenFolder => "Mở thư mục…", "Open folder…";
    OpenSession => "Mở phiên làm việc…", "Open session…";
    OpenSample => "Mở các bài báo mẫu", "Open the sample reports";
    Recent => "Gần đây", "Recent";
    Save => "Lưu", "Save";
    SaveAs => "Lưu thành…", "Save as…";
    Reextract => "Trích xuất lại", "Re-extract";
    Reload => "Đọc lại tệp đã thay đổi", "Reload changed files";
    CloseWork => "Đóng công việc đang mở", "Close this work";
    Quit => "Thoát", "Quit";
    MenuEdit => "Sửa", "Edit";
    Undo => "Hoàn tác", "Undo";
    Redo => "Làm lại", "Redo";
    MenuView => "Hiển thị", "View";
    Theme => "Giao diện", "Theme";
    ThemeSystem => "Theo hệ thống", "Follow the system";
    ThemeLight => "Sáng", "Light";
    ThemeDark => "Tối", "Dark";
    Language => "Ngôn ngữ", "Language";
    MenuHelp => "Trợ giúp", "Help";
    Shortcuts => "Phím tắt", "Keyboard shortcuts";
    About => "Giới thiệu", "About";
    Tagline => "Số liệu từ báo cáo các quận, huyện, đối chiếu với nguồn.", "Figures from Vietnamese district reports, checked against their source.";
    DropHint => "Kéo một thư mục báo cáo vào cửa sổ này, hoặc:", "Drag a folder of reports onto this window, or:";
    RecentFolders => "Thư mục gần đây", "Recent folders";
    RecentSessions => "Phiên làm việc gần đây", "Recent sessions";
    NoRecent => "Chưa có.", "None yet.";
    Reading => "Đang đọc và trích xuất", "Reading and extracting";
    Cancel => "Hủy", "Cancel";
    Cancelled => "Đã hủy việc đọc thư mục.", "Loading was cancelled.";
    SkippedN => "{n} tệp bị bỏ qua", "{n} files skipped";
    SkippedTitle => "Tệp bị bỏ qua", "Skipped files";
    File => "Tệp", "File";
    Reason => "Lý do", "Reason";
    SameTextAs => "cùng nội dung với {file} (chỉ hiện một lần)", "the same text as {file} (shown once)";
    OrphansN => "{n} nhận xét chưa gắn", "{n} unattached reviews";
    OrphansTitle => "Nhận xét chưa gắn được vào văn bản mới", "Reviews that found no place in the changed text";
    OrphansBody => "Các bài báo này đã thay đổi kể từ khi lưu. Những nhận xét dưới đây không còn tìm thấy trích dẫn của mình; chúng vẫn được giữ trong phiên làm việc.", "These reports changed since the session was saved. The reviews below no longer find their evidence; they are kept in the session.";
    FactsN => "{n} số liệu", "{n} facts";
    ReviewedN => "{n} đã duyệt", "{n} reviewed";
    ArticlesN => "{n} bài", "{n} articles";
    UnsavedMark => "chưa lưu", "unsaved";
    Articles => "Bài báo", "Articles";
    FilterArticles => "Lọc bài báo", "Filter articles";
    SortBy => "Sắp xếp", "Sort";
    FilterBy => "Lọc theo {x}", "Filter by {x}";
    Threshold => "Ngưỡng", "Threshold";
    SortFile => "Tên tệp", "File name";
    SortTitle => "Tiêu đề", "Title";
    SortDate => "Ngày", "Date";
    SortPlace => "Địa phương", "Place";
    SortFacts => "Số liệu", "Facts";
    SortReviewed => "Đã duyệt", "Reviewed";
    NoDate => "không rõ ngày", "no date";
    DuplicateOf => "trùng nội dung với {x}", "same text as {x}";
    NoArticle => "Chọn một bài báo.", "Choose an article.";
    AddFromSelection => "Thêm số liệu từ đoạn đã chọn", "Add a fact from the selection";
    ArticleNote => "Ghi chú bài báo", "Article note";
    Tags => "Nhãn", "Tags";
    TagsHint => "phân cách bằng dấu phẩy", "separated by commas";
    Published => "Ngày đăng", "Published";
    Place => "Địa phương", "Place";
    Facts => "Số liệu", "Facts";
    ColStatus => "Trạng thái", "Status";
    ColMetric => "Chỉ tiêu", "Metric";
    ColValue => "Giá trị", "Value";
    ColUnit => "Đơn vị", "Unit";
    ColDistrict => "Quận/huyện", "District";
    ColProvince => "Tỉnh/thành", "Province";
    ColAsOf => "Tính đến ngày", "As of";
    ColEvidence => "Trích dẫn", "Evidence";
    ColConfidence => "Độ tin cậy", "Confidence";
    ColArticle => "Bài báo", "Article";
    AllProvinces => "Mọi tỉnh/thành", "All provinces";
    AllDistricts => "Mọi quận/huyện", "All districts";
    AllMetrics => "Mọi chỉ tiêu", "All metrics";
    AllStatuses => "Mọi trạng thái", "All statuses";
    MinConfidence => "Tin cậy ≥", "Confidence ≥";
    Search => "Tìm", "Search";
    HideOther => "Ẩn số chưa phân loại", "Hide unclassified";
    ThisArticleOnly => "Chỉ bài đang xem", "This article only";
    ClearFilters => "Bỏ lọc", "Clear filters";
    ShowingN => "{shown} / {total} số liệu", "{shown} of {total} facts";
    AcceptAbove => "Chấp nhận mọi số liệu đang hiện có tin cậy ≥ {t}", "Accept every fact in view with confidence ≥ {t}";
    Pending => "Chưa duyệt", "Pending";
    Accepted => "Chấp nhận", "Accepted";
    Rejected => "Loại", "Rejected";
    Corrected => "đã sửa", "corrected";
    Manual => "nhập tay", "added by hand";
    Review => "Duyệt số liệu", "Review";
    NoFact => "Chọn một số liệu trong bài báo hoặc trong bảng.", "Select a fact in the reader or the table.";
    Evidence => "Trích dẫn", "Evidence";
    MachineSaid => "Máy trích: {x}", "Extracted: {x}";
    Metric => "Chỉ tiêu", "Metric";
    Value => "Giá trị", "Value";
    Unit => "Đơn vị", "Unit";
    District => "Quận/huyện", "District";
    Province => "Tỉnh/thành", "Province";
    AsOf => "Tính đến ngày", "As of";
    Note => "Ghi chú", "Note";
    AcceptKey => "Chấp nhận (A)", "Accept (A)";
    RejectKey => "Loại (R)", "Reject (R)";
    SaveEdits => "Lưu sửa đổi (Enter)", "Save changes (Enter)";
    ResetToMachine => "Trả về kết quả máy", "Reset to the machine's";
    ApplyIdentical => "Áp dụng cho mọi đoạn giống hệt ({n})", "Apply to every identical span ({n})";
    DeleteManual => "Xóa số liệu này", "Delete this fact";
    Rule => "Quy tắc", "Rule";
    Confidence => "Độ tin cậy", "Confidence";
    AddFact => "Thêm số liệu", "Add a fact";
    Add => "Thêm", "Add";
    BadValue => "Không phải số: viết 2.008, 2,275 hoặc 1-2", "Not a number: write 2.008, 2,275 or 1-2";
    BadDate => "Không phải ngày: viết 23/9/2021 hoặc 2021-09-23", "Not a date: write 23/9/2021 or 2021-09-23";
    UnsavedTitle => "Thay đổi chưa lưu", "Unsaved changes";
    UnsavedBody => "Lưu các thay đổi trong {name} trước khi tiếp tục?", "Save the changes to {name} before going on?";
    Discard => "Bỏ thay đổi", "Discard";
    RecoveryTitle => "Khôi phục công việc chưa lưu?", "Restore unsaved work?";
    RecoveryBody => "baocao đã không được đóng đúng cách. Công việc tự lưu lúc {time} ({name}) có thể được khôi phục.", "baocao was not closed properly. Work autosaved at {time} ({name}) can be restored.";
    Restore => "Khôi phục", "Restore";
    NoDialog => "Không thể mở hộp thoại chọn tệp trên máy này (thiếu xdg-desktop-portal hoặc zenity). Hãy gõ hoặc dán đường dẫn:", "No file dialog can be shown on this desktop (no xdg-desktop-portal or zenity). Type or paste a path:";
    PathLabel => "Đường dẫn", "Path";
    Open => "Mở", "Open";
    HelpTitle => "Phím tắt", "Keyboard shortcuts";
    KeyNextPrev => "Số liệu tiếp theo / trước đó", "Next / previous fact";
    KeyAccept => "Chấp nhận và sang số liệu tiếp theo", "Accept and go to the next fact";
    KeyReject => "Loại và sang số liệu tiếp theo", "Reject and go to the next fact";
    KeyEdit => "Sửa giá trị", "Edit the value";
    KeyNote => "Viết ghi chú", "Write a note";
    KeyUndo => "Hoàn tác", "Undo";
    KeyRedo => "Làm lại", "Redo";
    KeySave => "Lưu phiên làm việc", "Save the session";
    KeyOpen => "Mở thư mục", "Open a folder";
    KeyHelp => "Bảng phím tắt này", "This list of shortcuts";
    Close => "Đóng", "Close";
    VersionX => "Phiên bản {v}", "Version {v}";
    AboutBody => "Trích xuất số liệu từ báo cáo của các quận, huyện; duyệt từng số liệu đối chiếu với văn bản gốc; xuất bộ dữ liệu đã duyệt.", "Extracts figures from Vietnamese district reports; every figure is reviewed against its source text; the reviewed dataset can be exported.";
    FontLicense => "Phông chữ: Noto Sans, giấy phép SIL Open Font License 1.1.", "Font: Noto Sans, SIL Open Font License 1.1.";
    OpenFailed => "Không mở được {path}: {reason}", "Could not open {path}: {reason}";
    SaveFailed => "Không lưu được: {reason}", "Could not save: {reason}";
    SavedTo => "Đã lưu {path}", "Saved {path}";
    NoReports => "Không tìm thấy báo cáo nào trong {path}.", "No reports were found in {path}.";
    ArticlesChanged => "{n} bài báo đã thay đổi kể từ khi lưu phiên làm việc.", "{n} reports changed since the session was saved.";
    Reanchored => "{moved} nhận xét đã tìm lại được số liệu trong văn bản mới; {orphans} không tìm thấy (vẫn được giữ trong phiên, chưa gắn).", "{moved} reviews found their facts in the new text; {orphans} did not (kept in the session, unattached).";
    ArticlesMissing => "{n} bài báo không còn trong thư mục.", "{n} reports are no longer in the folder.";
    Reextracted => "Đã trích xuất lại; mọi đánh giá được giữ nguyên.", "Extracted again; every review was kept.";
    Reloaded => "Đã đọc lại thư mục: {changed} tệp thay đổi, {added} tệp mới, {removed} tệp không còn, {unchanged} tệp giữ nguyên.", "Folder read again: {changed} changed, {added} new, {removed} gone, {unchanged} unchanged.";
    Dismiss => "Ẩn", "Dismiss";
    Vietnamese => "Tiếng Việt", "Tiếng Việt";
    English => "English", "English";
    Yes => "Có", "Yes";
    No => "Không", "No";
    Other => "Khác (chưa phân loại)", "Other (unclassified)";
    TabReader => "Bài báo", "Report";
    TabDashboard => "Bảng quận, huyện", "Districts";
    TabCharts => "Biểu đồ", "Charts";
    DashboardHint => "Giá trị mới nhất đã duyệt của mỗi chỉ tiêu; rê chuột để xem nguồn, bấm để mở.", "Latest reviewed value of each metric; hover for the sources, click to open.";
    NoFactsHere => "Chưa có số liệu nào ở đây.", "No figures here yet.";
    ProvinceLevel => "cấp tỉnh", "province level";
    TotalOf => "Tổng {p}", "Total {p}";
    Coverage => "{n} trên {of} quận, huyện có số liệu", "{n} of {of} districts reported";
    SourcesDisagree => "Các nguồn cho giá trị khác nhau cùng một ngày.", "Sources disagree for the same date.";
    ClickToSource => "Bấm để mở đoạn trích trong bài báo.", "Click to open the evidence in its report.";
    ChartBars => "Cột theo quận, huyện", "Bars across districts";
    ChartLines => "Đường theo thời gian", "Lines over time";
    ChartGrouped => "Cột nhóm chỉ tiêu", "Grouped bars";
    SavePng => "Lưu ảnh PNG…", "Save as PNG…";
    DistrictsOf => "Quận, huyện của {p}", "Districts of {p}";
    Places => "Địa phương:", "Places:";
    MetricGroup => "Nhóm chỉ tiêu", "Metric group";
    NoGroupData => "Không quận, huyện nào của {p} có số liệu thuộc nhóm này.", "No district of {p} has figures in this group.";
    ExportMenu => "Xuất dữ liệu…", "Export…";
    ExportTitle => "Xuất bộ dữ liệu đã duyệt", "Export the reviewed dataset";
    ExportFormatLabel => "Định dạng", "Format";
    OnlyReviewed => "Chỉ các số liệu đã chấp nhận", "Only accepted facts";
    ExportButton => "Xuất…", "Export…";
    ExportedN => "Đã xuất {n} số liệu vào {path}", "Exported {n} facts to {path}";
    ExportFailed => "Không xuất được", "Export failed";
    ChartSaved => "Đã lưu biểu đồ vào {path}", "Chart saved to {path}";
    TypeAPath => "Gõ đường dẫn…", "Type a path…";
    UseCatalogue => "Dùng tệp danh mục chỉ tiêu…", "Use a catalogue file…";
    LocateCorpus => "Tìm thư mục báo cáo…", "Locate the reports folder…";
    DropToOpen => "Thả vào đây để mở", "Drop here to open";
    SelectToAdd => "Bôi đen một đoạn trong bài để thêm số liệu bị sót.", "Select a passage of the text to add a fact that was missed.";
    LegendPlace => "địa danh", "place";
    LegendDate => "ngày", "date";
    ArticleTags => "Nhãn bài", "Article tags";
    MarkPending => "Đưa về chưa duyệt", "Mark as pending";
    ApplyIdenticalHint => "Cùng trạng thái, chỉnh sửa, ghi chú và nhãn cho mọi số liệu có đúng đoạn trích này, ở mọi bài.", "The same status, corrections, note and tags for every fact with exactly this evidence, in every report.";
    KeyEscape => "Đóng hộp thoại hoặc biểu mẫu thêm số liệu", "Close a dialog or the add-a-fact form";
    OpenFailedTitle => "Không mở được", "Could not open";
    NotFound => "không tồn tại (đã bị di chuyển hoặc xóa?)", "it does not exist (moved or deleted?)";
    OnlyFirstFolder => "Chỉ mở thư mục đầu tiên trong các mục được thả vào.", "Only the first of the dropped folders was opened.";
    OnlyOneFolder => "Chỉ mở các tệp nằm cùng thư mục với tệp đầu tiên.", "Only the files in the same folder as the first one were opened.";
    RecoveryDamaged => "Tệp tự lưu bị hỏng ({reason}); đã được giữ lại tại {path}.", "The autosave file is damaged ({reason}); it was kept at {path}.";
    Reextracting => "Đang trích xuất lại", "Extracting again";
    Reloading => "Đang đọc lại thư mục", "Reading the folder again";
    Exporting => "Đang xuất dữ liệu", "Exporting";
    CorpusMissing => "Không tìm thấy thư mục báo cáo của phiên làm việc: {path}. Hãy chọn thư mục đó ở vị trí mới.", "The session's reports folder was not found: {path}. Choose where it is now.";
    ReviewsUnattached => "{n} đánh giá không còn khớp số liệu nào; chúng vẫn được giữ trong phiên làm việc.", "{n} reviews no longer match a fact; they are kept in the session.";
    SaveFailedTitle => "Không lưu được", "Could not save";
    AutosaveFailed => "Không tự lưu được: {reason}", "Autosave failed: {reason}";
    AppliedToN => "Đã áp dụng cho {n} số liệu khác.", "Applied to {n} other facts.";
    AcceptedN => "Đã chấp nhận {n} số liệu.", "Accepted {n} facts.";
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn every_text_is_nfc_and_non_empty_in_both_languages() {
        for &k in ALL {
            for lang in [Lang::Vi, Lang::En] {
                let s = tr(lang, k);
                assert!(!s.is_empty(), "{k:?} {lang:?}");
                assert_eq!(s.nfc().collect::<String>(), s, "{k:?} {lang:?} is not NFC");
            }
        }
    }

    #[test]
    fn placeholders_fill() {
        assert_eq!(
            fill(
                tr(Lang::En, K::ShowingN),
                &[("shown", "3"), ("total", "10")]
            ),
            "3 of 10 facts"
        );
    }
}
