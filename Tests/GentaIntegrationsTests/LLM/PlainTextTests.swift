import GentaIntegrations
import Testing

extension LLM {
    /// Model output made safe to store as plain text.
    @Suite struct PlainTextTests {
        @Test func removesScriptsWithTheirContentAndOtherTags() {
            let dirty = #"Bagus!<script type="text/javascript">alert("x")</script> <b>Jawaban</b> <a href="https://x.test">B</a> benar.<style>p{}</style>"#
            #expect(PlainText.sanitize(dirty) == "Bagus! Jawaban B benar.")
        }

        @Test func removesEscapedMarkupToo() {
            #expect(PlainText.sanitize("Hasil &lt;script&gt;alert(1)&lt;/script&gt;akhir &amp; benar") == "Hasil akhir & benar")
        }

        @Test func unclosedScriptsRunToTheEnd() {
            #expect(PlainText.sanitize("Aman. <SCRIPT>steal()") == "Aman.")
        }

        @Test func keepsComparisonsInMathematics() {
            #expect(PlainText.sanitize("Karena x < y dan y > z, serta a<b2 atau 3<5") == "Karena x < y dan y > z, serta a<b2 atau 3<5")
        }

        @Test func paragraphsSurviveAndBreaksBecomeLines() {
            #expect(PlainText.sanitize("<p>Satu</p><p>Dua<br>Tiga</p>") == "Satu\nDua\nTiga")
            #expect(PlainText.sanitize("Satu\r\n\r\n\r\n\r\nDua\n") == "Satu\n\nDua")
        }

        @Test func removesMarkdown() {
            let markdown = "## Umpan balik\n**Benar!** Gunakan `rumus` ini.\n* langkah satu\n> kutipan\n[lihat](https://x.test)"
            #expect(PlainText.sanitize(markdown) == "Umpan balik\nBenar! Gunakan rumus ini.\n- langkah satu\nkutipan\nlihat")
        }

        @Test func removesControlAndInvisibleCharacters() {
            let text = "Ja\u{0000}wab\u{0007}an\u{202E}mu\u{200B} benar\u{FEFF}.\tBagus"
            #expect(PlainText.sanitize(text) == "Jawabanmu benar. Bagus")
        }

        @Test func collapsesWhitespace() {
            #expect(PlainText.sanitize("   Jawabanmu \u{00A0}\u{00A0}  benar.   \n\n  ") == "Jawabanmu benar.")
        }

        @Test func truncatesAtAWordBoundary() {
            let text = "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh"
            let cut = PlainText.sanitize(text, maxLength: 25)
            #expect(cut == "Satu dua tiga empat lima…")
            #expect(cut.count <= 25)
            #expect(PlainText.sanitize(text, maxLength: 200) == text)
        }

        @Test func truncatesAWordTooLongToKeepWhole() {
            let cut = PlainText.sanitize(String(repeating: "a", count: 50), maxLength: 10)
            #expect(cut == "aaaaaaaaa…")
        }

        @Test func emptyStaysEmpty() {
            #expect(PlainText.sanitize("<p> </p>") == "")
        }
    }
}
