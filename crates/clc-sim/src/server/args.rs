//! The command line: `clc-sim serve --port P --scenario S [--seed N] [--latency-ms N]
//! [--time-scale X] [--dist DIR] [--threads N] [--epoch-ms N] [--no-cors]`.

use std::path::PathBuf;

use super::ServerConfig;
use crate::Scenario;

pub const USAGE: &str = "usage: clc-sim serve [--port P] [--scenario empty|demo|large[:dcs=N,servers=N,groups=N,ips=N,subaccounts=N]] \
[--seed N] [--latency-ms N] [--time-scale X] [--dist DIR] [--threads N] [--epoch-ms N] [--no-cors]";

/// What the binary was asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Serve(ServerConfig),
    Help,
}

pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut it = args.into_iter();
    match it.next().as_deref() {
        Some("serve") => {}
        Some("-h" | "--help" | "help") | None => return Ok(Command::Help),
        Some(other) => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    let mut c = ServerConfig::default();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(Command::Help);
        }
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (flag.clone(), None),
        };
        if name == "--no-cors" {
            if inline.is_some() {
                return Err(format!("--no-cors takes no value\n{USAGE}"));
            }
            c.cors = false;
            continue;
        }
        let value = match inline.or_else(|| it.next()) {
            Some(v) => v,
            None => return Err(format!("{name} needs a value\n{USAGE}")),
        };
        let num = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {v}"))
        };
        match name.as_str() {
            "--port" => {
                c.port = value
                    .parse()
                    .map_err(|_| format!("--port: not a port: {value}"))?
            }
            "--scenario" => c.scenario = Scenario::parse(&value).map_err(|e| e.to_string())?,
            "--seed" => c.seed = num(&value)?,
            "--latency-ms" => c.latency_ms = num(&value)?,
            "--threads" => c.threads = num(&value)? as usize,
            "--time-scale" => {
                c.time_scale = value
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x > 0.0)
                    .ok_or_else(|| format!("--time-scale: not a positive number: {value}"))?
            }
            "--dist" => c.dist = Some(PathBuf::from(value)),
            "--epoch-ms" => c.epoch_ms = Some(num(&value)?),
            _ => return Err(format!("unknown option {name}\n{USAGE}")),
        }
    }
    Ok(Command::Serve(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn reads_every_flag() {
        let Ok(Command::Serve(c)) = parse_args(args(
            "serve --port 0 --scenario large:servers=10 --seed 9 --latency-ms 5 --time-scale 50 --dist d --epoch-ms 1798761600000",
        )) else {
            panic!("not parsed")
        };
        assert_eq!(
            (c.port, c.seed, c.latency_ms, c.time_scale),
            (0, 9, 5, 50.0)
        );
        assert_eq!(c.dist, Some(PathBuf::from("d")));
        assert_eq!(c.epoch_ms, Some(1_798_761_600_000));
        assert!(c.cors, "CORS unless --no-cors");
        assert!(parse_args(args("serve --port x")).is_err());
        assert!(parse_args(args("serve --bogus 1")).is_err());
        assert_eq!(parse_args(args("--help")), Ok(Command::Help));
    }

    #[test]
    fn no_cors_is_a_flag_without_a_value() {
        let Ok(Command::Serve(c)) = parse_args(args("serve --no-cors --port 0")) else {
            panic!("not parsed")
        };
        assert_eq!((c.cors, c.port), (false, 0));
        let Ok(Command::Serve(c)) = parse_args(args("serve --port 0 --no-cors")) else {
            panic!("not parsed")
        };
        assert!(!c.cors);
        assert!(parse_args(args("serve --no-cors=yes")).is_err());
    }
}
