"""Interface text of the Sumber page (the sources the worker collects) and of the live status
in the sidebar (new texts since the page was opened, each source's last collection)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "src_nav": {"id": "Sumber", "en": "Sources"},
    "src_title": {"id": "Sumber pemantauan", "en": "Monitoring sources"},
    "src_intro": {
        "id": "Sumber dikumpulkan otomatis oleh worker sesuai jadwalnya: feed berita (RSS/Atom), "
              "feed cek fakta (debunk baru masuk ke bank klaim), folder tempat crawler menaruh "
              "ekspor, dan komentar YouTube. Teks baru langsung dinilai; peringatan dikirim "
              "sesuai aturan di halaman Peringatan.",
        "en": "The worker collects sources on their schedule: news feeds (RSS/Atom), "
              "fact-checkers' feeds (new debunks go into the claim bank), folders a crawler "
              "drops exports into, and YouTube comments. New texts are scored at once; alerts "
              "go out by the rules on the Alerts page.",
    },
    "src_worker_on": {"id": "Worker aktif — terakhir terlihat {when}.",
                      "en": "Worker running — last seen {when}."},
    "src_worker_off": {
        "id": "Worker tidak berjalan (terakhir terlihat: {when}). Sumber tidak dikumpulkan "
              "sampai worker dijalankan: `make run` menjalankannya, atau `pantau worker`.",
        "en": "The worker is not running (last seen: {when}). Sources are not collected until "
              "it runs: `make run` starts it, or `pantau worker`.",
    },
    "src_never": {"id": "belum pernah", "en": "never"},
    "src_add": {"id": "Tambah sumber", "en": "Add a source"},
    "src_kind": {"id": "Jenis", "en": "Kind"},
    "src_kind_rss": {"id": "Feed berita (RSS/Atom)", "en": "News feed (RSS/Atom)"},
    "src_kind_claims": {"id": "Feed cek fakta (ke bank klaim)",
                        "en": "Fact-checkers' feed (into the claim bank)"},
    "src_kind_folder": {"id": "Folder ekspor crawler", "en": "Crawler's export folder"},
    "src_kind_youtube": {"id": "Komentar YouTube", "en": "YouTube comments"},
    "src_target": {"id": "Alamat feed, folder, atau video/kanal YouTube",
                   "en": "Feed address, folder, or YouTube video/channel"},
    "src_target_hint": {"id": "mis. https://www.antaranews.com/rss/terkini.xml",
                        "en": "e.g. https://www.antaranews.com/rss/terkini.xml"},
    "src_name": {"id": "Nama (opsional)", "en": "Name (optional)"},
    "src_every": {"id": "Kumpulkan setiap (menit)", "en": "Collect every (minutes)"},
    "src_add_button": {"id": "Tambahkan", "en": "Add"},
    "src_added": {"id": "Sumber {name!r} ditambahkan; worker mulai mengumpulkannya dalam "
                        "satu menit.",
                  "en": "Source {name!r} added; the worker starts collecting it within a "
                        "minute."},
    "src_none": {"id": "Belum ada sumber. Tambahkan satu di atas, atau aktifkan feed dari daftar "
                       "awal di bawah.",
                 "en": "No sources yet. Add one above, or enable feeds from the starter list "
                       "below."},
    "src_list": {"id": "Sumber", "en": "Sources"},
    "col_src_name": {"id": "Nama", "en": "Name"},
    "col_src_kind": {"id": "Jenis", "en": "Kind"},
    "col_src_target": {"id": "Target", "en": "Target"},
    "col_src_every": {"id": "Setiap (menit)", "en": "Every (minutes)"},
    "col_src_state": {"id": "Status", "en": "State"},
    "col_src_last": {"id": "Terakhir dikumpulkan", "en": "Last collected"},
    "col_src_new": {"id": "Baru terakhir", "en": "New last time"},
    "col_src_error": {"id": "Galat terakhir", "en": "Last error"},
    "src_state_ok": {"id": "sehat", "en": "healthy"},
    "src_state_failing": {"id": "GAGAL", "en": "FAILING"},
    "src_state_paused": {"id": "dijeda", "en": "paused"},
    "src_state_new": {"id": "menunggu", "en": "waiting"},
    "src_failing": {"id": "**{name}** gagal dikumpulkan terakhir kali: {error}",
                    "en": "**{name}** failed at its last collection: {error}"},
    "src_pick": {"id": "Pilih sumber", "en": "Pick a source"},
    "src_pause": {"id": "Jeda", "en": "Pause"},
    "src_resume": {"id": "Lanjutkan", "en": "Resume"},
    "src_remove": {"id": "Hapus", "en": "Remove"},
    "src_remove_sure": {"id": "Ya, hapus sumber ini (teks yang sudah terkumpul tetap ada)",
                        "en": "Yes, remove this source (the texts it collected stay)"},
    "src_done_pause": {"id": "Sumber {name!r} dijeda.", "en": "Source {name!r} paused."},
    "src_done_resume": {"id": "Sumber {name!r} dilanjutkan.", "en": "Source {name!r} resumed."},
    "src_done_remove": {"id": "Sumber {name!r} dihapus.", "en": "Source {name!r} removed."},
    "src_runs": {"id": "Pengumpulan terakhir", "en": "Latest collections"},
    "col_run_started": {"id": "Mulai", "en": "Started"},
    "col_run_source": {"id": "Sumber", "en": "Source"},
    "col_run_status": {"id": "Hasil", "en": "Result"},
    "col_run_items": {"id": "Item di feed", "en": "Items in feed"},
    "col_run_new": {"id": "Baru", "en": "New"},
    "col_run_stored": {"id": "Disimpan", "en": "Stored"},
    "col_run_notes": {"id": "Catatan / galat", "en": "Notes / error"},
    "run_ok": {"id": "berhasil", "en": "done"},
    "run_failed": {"id": "gagal", "en": "failed"},
    "run_not_modified": {"id": "tidak berubah", "en": "unchanged"},
    "src_starter": {"id": "Daftar awal feed Indonesia (nonaktif sampai diaktifkan)",
                    "en": "Starter list of Indonesian feeds (off until enabled)"},
    "src_starter_note": {
        "id": "Alamat-alamat ini belum diperiksa (dibuat tanpa akses internet): setelah "
              "diaktifkan, kolom Status menunjukkan apakah feed menjawab.",
        "en": "These addresses are unchecked (made without internet access): once enabled, the "
              "State column shows whether each feed answers.",
    },
    "src_starter_pick": {"id": "Feed yang diaktifkan", "en": "Feeds to enable"},
    "src_starter_add": {"id": "Aktifkan {n} feed", "en": "Enable {n} feeds"},
    "src_starter_added": {"id": "{n} feed diaktifkan.", "en": "{n} feeds enabled."},
    "live_new": {"id": ":green[:material/fiber_new:] **{n} teks baru** sejak {since}",
                 "en": ":green[:material/fiber_new:] **{n} new texts** since {since}"},
    "live_none": {"id": "Langsung: belum ada teks baru sejak {since}",
                  "en": "Live: no new texts since {since}"},
    "live_sources": {"id": "Sumber", "en": "Sources"},
    "live_worker_off": {"id": ":orange[:material/warning:] worker tidak berjalan",
                        "en": ":orange[:material/warning:] worker not running"},
    "live_source_line": {"id": "{state} **{name}** · {last}", "en": "{state} **{name}** · {last}"},
}
