//! An answer on its way out of the server (API, control endpoints and files alike), and the
//! CORS headers it carries unless the server runs with `--no-cors`.

/// A response on its way out.
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::new(status, body.into().into_bytes())
            .header("Content-Type", "application/json; charset=utf-8")
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Lets any origin call the API, as a page embedding the app would call api.ctl.io:
    /// `Some(the request's Origin, if any)`. `None` (`--no-cors`) adds nothing.
    pub fn cors(self, origin: Option<Option<&str>>) -> Reply {
        let Some(origin) = origin else {
            return self;
        };
        self.header("Access-Control-Allow-Origin", origin.unwrap_or("*"))
            .header("Vary", "Origin")
            .header("Access-Control-Expose-Headers", "Location, Retry-After")
    }

    pub fn preflight(self) -> Reply {
        self.header(
            "Access-Control-Allow-Methods",
            "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        )
        .header(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type, Accept",
        )
        .header("Access-Control-Max-Age", "600")
    }
}
