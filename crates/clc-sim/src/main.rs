//! `clc-sim serve ...`: the simulated CLC API on 127.0.0.1 (see the crate README).

use std::io::Write;

use clc_sim::server::{parse_args, start, Command, USAGE};

fn main() {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Serve(c)) => c,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    match start(config) {
        Ok(server) => {
            // The test harness waits for exactly this line.
            println!("clc-sim listening on http://127.0.0.1:{}", server.port());
            let _ = std::io::stdout().flush();
            server.join();
        }
        Err(e) => {
            eprintln!("clc-sim: cannot listen: {e}");
            std::process::exit(1);
        }
    }
}
