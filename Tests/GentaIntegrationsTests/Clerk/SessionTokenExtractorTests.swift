import GentaIntegrations
import Testing

@Suite struct SessionTokenExtractorTests {
    @Test func prefersTheBearerHeader() {
        #expect(SessionTokenExtractor.token(authorization: "Bearer abc.def.ghi", cookie: "__session=zzz") == "abc.def.ghi")
        #expect(SessionTokenExtractor.token(authorization: "bearer  abc", cookie: nil) == "abc")
    }

    @Test func fallsBackToTheSessionCookie() {
        #expect(SessionTokenExtractor.token(authorization: "Basic dXNlcg==", cookie: "a=1; __session=tok; b=2") == "tok")
        #expect(SessionTokenExtractor.token(authorization: nil, cookie: "__session_other=x; __session=tok") == "tok")
    }

    @Test func findsNothingWhenThereIsNothing() {
        #expect(SessionTokenExtractor.token(authorization: nil, cookie: nil) == nil)
        #expect(SessionTokenExtractor.token(authorization: "Bearer ", cookie: "__session=") == nil)
    }
}
